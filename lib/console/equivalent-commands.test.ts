import { describe, expect, it } from "vitest";
import { awsCliScript, shellQuote, terraformBlock, type KeyCommandInput } from "./equivalent-commands.ts";

const key: KeyCommandInput = {
  origin: "AWS_CLOUDHSM",
  customKeyStoreId: "cks-1234567890abcdef0",
  alias: "payments",
  description: "Owner's key",
  tags: [{ tagKey: "team", tagValue: "platform" }],
  policy: '{\n  "Version": "2012-10-17"\n}',
  endpointUrl: "http://127.0.0.1:3000/api/aws",
  region: "us-east-1",
};

describe("the key wizard's equivalent commands", () => {
  it("quotes for the shell", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
  it("AWS CLI: create-key with the store, tags and policy file, then create-alias on the new key", () => {
    const s = awsCliScript(key);
    expect(s).toContain("--origin AWS_CLOUDHSM");
    expect(s).toContain("--custom-key-store-id cks-1234567890abcdef0");
    expect(s).toContain(`--description 'Owner'\\''s key'`);
    expect(s).toContain(`--tags '[{"TagKey":"team","TagValue":"platform"}]'`);
    expect(s).toContain("--endpoint-url http://127.0.0.1:3000/api/aws");
    expect(s).toContain(
      `create-alias --region us-east-1 --endpoint-url http://127.0.0.1:3000/api/aws --alias-name 'alias/payments' --target-key-id "$KEY_ID"`,
    );
    expect(s).toContain('"Version": "2012-10-17"');
  });
  it("Terraform: aws_kms_key in the custom key store and its aws_kms_alias", () => {
    const t = terraformBlock(key);
    expect(t).toContain('resource "aws_kms_key" "payments"');
    expect(t).toContain('custom_key_store_id      = "cks-1234567890abcdef0"');
    expect(t).toContain('"team" = "platform"');
    expect(t).toContain('name          = "alias/payments"');
    expect(t).toContain("target_key_id = aws_kms_key.payments.key_id");
  });
});
