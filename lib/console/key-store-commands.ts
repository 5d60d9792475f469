import { hcl, shellQuote } from "./equivalent-commands.ts";

// What the key store wizards' review shows beside the form: the same store as an AWS CLI command and a
// Terraform block (aws_kms_custom_key_store). Secrets never appear: the kmsuser password and the proxy's
// secret access key are read from an environment variable (CLI) or a variable (Terraform).

type Common = { name: string; region: string; endpointUrl?: string };
export type CloudHsmStoreCommandInput = Common & { type: "AWS_CLOUDHSM"; cloudHsmClusterId: string; trustAnchorFileName?: string };
export type XksStoreCommandInput = Common & {
  type: "EXTERNAL_KEY_STORE";
  connectivity: string;
  uriEndpoint: string;
  uriPath: string;
  vpcEndpointServiceName?: string;
  accessKeyId: string;
};
export type KeyStoreCommandInput = CloudHsmStoreCommandInput | XksStoreCommandInput;

const resourceName = (name: string) => name.replace(/[^A-Za-z0-9_]/g, "_").replace(/^(\d)/, "_$1") || "key_store";

export function keyStoreCliCommand(s: KeyStoreCommandInput): string {
  const args = [
    "aws kms create-custom-key-store",
    `--region ${s.region}`,
    ...(s.endpointUrl ? [`--endpoint-url ${s.endpointUrl}`] : []),
    `--custom-key-store-name ${shellQuote(s.name)}`,
  ];
  if (s.type === "AWS_CLOUDHSM") {
    args.push(
      `--cloud-hsm-cluster-id ${s.cloudHsmClusterId}`,
      `--trust-anchor-certificate file://${s.trustAnchorFileName ?? "customerCA.crt"}`,
      `--key-store-password "$KMSUSER_PASSWORD"`,
    );
    return ["# KMSUSER_PASSWORD: the current password of kmsuser in the cluster", args.join(" \\\n    ")].join("\n");
  }
  args.push(
    "--custom-key-store-type EXTERNAL_KEY_STORE",
    `--xks-proxy-connectivity ${s.connectivity}`,
    `--xks-proxy-uri-endpoint ${shellQuote(s.uriEndpoint)}`,
    `--xks-proxy-uri-path ${shellQuote(s.uriPath)}`,
    ...(s.connectivity === "VPC_ENDPOINT_SERVICE" && s.vpcEndpointServiceName
      ? [`--xks-proxy-vpc-endpoint-service-name ${s.vpcEndpointServiceName}`]
      : []),
    `--xks-proxy-authentication-credential "AccessKeyId=${s.accessKeyId},RawSecretAccessKey=$XKS_PROXY_SECRET_ACCESS_KEY"`,
  );
  return [
    "# XKS_PROXY_SECRET_ACCESS_KEY: the proxy credential's secret access key",
    "# (AWS CLI v1: set cli_follow_urlparam = false, or it fetches the https:// endpoint value)",
    args.join(" \\\n    "),
  ].join("\n");
}

/** A sensitive Terraform variable for a secret, so the block never holds it. */
const sensitiveVariable = (name: string) => [`variable "${name}" {`, `  type      = string`, `  sensitive = true`, `}`, ``];

export function keyStoreTerraformBlock(s: KeyStoreCommandInput): string {
  const r = resourceName(s.name);
  if (s.type === "AWS_CLOUDHSM") {
    return [
      ...sensitiveVariable("kmsuser_password"),
      `resource "aws_kms_custom_key_store" "${r}" {`,
      `  custom_key_store_name    = ${hcl(s.name)}`,
      `  cloud_hsm_cluster_id     = ${hcl(s.cloudHsmClusterId)}`,
      `  trust_anchor_certificate = file(${hcl(s.trustAnchorFileName ?? "customerCA.crt")})`,
      `  key_store_password       = var.kmsuser_password`,
      `}`,
    ].join("\n");
  }
  return [
    ...sensitiveVariable("xks_proxy_secret_access_key"),
    `resource "aws_kms_custom_key_store" "${r}" {`,
    `  custom_key_store_name  = ${hcl(s.name)}`,
    `  custom_key_store_type  = "EXTERNAL_KEY_STORE"`,
    `  xks_proxy_connectivity = ${hcl(s.connectivity)}`,
    `  xks_proxy_uri_endpoint = ${hcl(s.uriEndpoint)}`,
    `  xks_proxy_uri_path     = ${hcl(s.uriPath)}`,
    ...(s.connectivity === "VPC_ENDPOINT_SERVICE" && s.vpcEndpointServiceName
      ? [`  xks_proxy_vpc_endpoint_service_name = ${hcl(s.vpcEndpointServiceName)}`]
      : []),
    ``,
    `  xks_proxy_authentication_credential {`,
    `    access_key_id         = ${hcl(s.accessKeyId)}`,
    `    raw_secret_access_key = var.xks_proxy_secret_access_key`,
    `  }`,
    `}`,
  ].join("\n");
}
