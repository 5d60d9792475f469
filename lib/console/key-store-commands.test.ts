import { describe, expect, it } from "vitest";
import { keyStoreCliCommand, keyStoreTerraformBlock, type XksStoreCommandInput } from "./key-store-commands.ts";

const xks: XksStoreCommandInput = {
  type: "EXTERNAL_KEY_STORE",
  name: "payments xks",
  region: "us-east-1",
  endpointUrl: "http://127.0.0.1:3000/api/aws",
  connectivity: "PUBLIC_ENDPOINT",
  uriEndpoint: "https://xks.example.com",
  uriPath: "/example/kms/xks/v1",
  accessKeyId: "ABCDEFGHIJKLMNOPQRST",
};

describe("the key store wizards' equivalent commands", () => {
  it("XKS CLI: every member, the secret from the environment only", () => {
    const s = keyStoreCliCommand(xks);
    expect(s).toContain("--custom-key-store-name 'payments xks'");
    expect(s).toContain("--custom-key-store-type EXTERNAL_KEY_STORE");
    expect(s).toContain("--xks-proxy-uri-endpoint 'https://xks.example.com'");
    expect(s).toContain("--xks-proxy-uri-path '/example/kms/xks/v1'");
    expect(s).toContain('"AccessKeyId=ABCDEFGHIJKLMNOPQRST,RawSecretAccessKey=$XKS_PROXY_SECRET_ACCESS_KEY"');
    expect(s).not.toContain("vpc-endpoint-service-name");
  });
  it("XKS Terraform: aws_kms_custom_key_store with the VPC service name and a sensitive variable for the secret", () => {
    const t = keyStoreTerraformBlock({
      ...xks,
      connectivity: "VPC_ENDPOINT_SERVICE",
      vpcEndpointServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0abc",
    });
    expect(t).toContain('resource "aws_kms_custom_key_store" "payments_xks"');
    expect(t).toContain('xks_proxy_vpc_endpoint_service_name = "com.amazonaws.vpce.us-east-1.vpce-svc-0abc"');
    expect(t).toContain("raw_secret_access_key = var.xks_proxy_secret_access_key");
    expect(t).toContain("sensitive = true");
  });
  it("CloudHSM: the trust anchor file and the password from the environment", () => {
    const input = {
      type: "AWS_CLOUDHSM",
      name: "hsm",
      region: "us-east-1",
      cloudHsmClusterId: "cluster-abcdefghijk",
      trustAnchorFileName: "ca.crt",
    } as const;
    expect(keyStoreCliCommand(input)).toContain(
      '--trust-anchor-certificate file://ca.crt \\\n    --key-store-password "$KMSUSER_PASSWORD"',
    );
    expect(keyStoreTerraformBlock(input)).toContain("key_store_password       = var.kmsuser_password");
  });
});
