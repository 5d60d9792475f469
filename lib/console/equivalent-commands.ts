import type { Tag } from "@/lib/schemas/keys.ts";

// What the key wizard's review shows beside the form: the same key as an AWS CLI script and as a
// Terraform block for the hashicorp/aws provider, so a key clicked together once can be repeated in
// a pipeline. Nothing secret goes in a key's creation, so nothing is left as a placeholder here.

export type KeyCommandInput = {
  origin: "AWS_KMS" | "AWS_CLOUDHSM";
  customKeyStoreId: string;
  alias: string;
  description: string;
  tags: Tag[];
  policy: string;
  /** The local backend's wire endpoint (`--endpoint-url`), or none for real AWS. */
  endpointUrl?: string;
  region: string;
};

/** A word for a POSIX shell, in single quotes. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const aliasName = (alias: string) => `alias/${alias.replace(/^alias\//, "")}`;

export function awsCliScript(k: KeyCommandInput): string {
  const common = [`--region ${k.region}`, ...(k.endpointUrl ? [`--endpoint-url ${k.endpointUrl}`] : [])].join(" ");
  const createArgs = [
    "aws kms create-key",
    common,
    "--key-spec SYMMETRIC_DEFAULT",
    "--key-usage ENCRYPT_DECRYPT",
    `--origin ${k.origin}`,
    ...(k.origin === "AWS_CLOUDHSM" ? [`--custom-key-store-id ${k.customKeyStoreId}`] : []),
    ...(k.description ? [`--description ${shellQuote(k.description)}`] : []),
    // JSON, not the CLI's shorthand: shorthand has no escape for a quote or comma inside a tag value.
    ...(k.tags.length ? [`--tags ${shellQuote(JSON.stringify(k.tags.map((t) => ({ TagKey: t.tagKey, TagValue: t.tagValue }))))}`] : []),
    "--policy file://key-policy.json",
    "--query KeyMetadata.KeyId --output text",
  ];
  return [
    "cat > key-policy.json <<'POLICY'",
    k.policy.trim(),
    "POLICY",
    `KEY_ID=$(${createArgs.join(" \\\n    ")})`,
    `aws kms create-alias ${common} --alias-name ${shellQuote(aliasName(k.alias))} --target-key-id "$KEY_ID"`,
    'echo "$KEY_ID"',
  ].join("\n");
}

/** A string literal for HCL. */
const hcl = (s: string) => JSON.stringify(s).replace(/\$\{/g, "$${").replace(/%\{/g, "%%{");

export function terraformBlock(k: KeyCommandInput): string {
  const resourceName =
    aliasName(k.alias)
      .slice("alias/".length)
      .replace(/[^A-Za-z0-9_]/g, "_")
      .replace(/^(\d)/, "_$1") || "key";
  const tags = k.tags.length ? [`  tags = {`, ...k.tags.map((t) => `    ${hcl(t.tagKey)} = ${hcl(t.tagValue)}`), `  }`] : [];
  return [
    `resource "aws_kms_key" "${resourceName}" {`,
    `  description              = ${hcl(k.description)}`,
    `  key_usage                = "ENCRYPT_DECRYPT"`,
    `  customer_master_key_spec = "SYMMETRIC_DEFAULT"`,
    ...(k.origin === "AWS_CLOUDHSM" ? [`  custom_key_store_id      = ${hcl(k.customKeyStoreId)}`] : []),
    `  policy                   = <<-POLICY`,
    ...k.policy
      .trim()
      .split("\n")
      .map((l) => `    ${l.replace(/\$\{/g, "$${")}`),
    `  POLICY`,
    ...tags,
    `}`,
    ``,
    `resource "aws_kms_alias" "${resourceName}" {`,
    `  name          = ${hcl(aliasName(k.alias))}`,
    `  target_key_id = aws_kms_key.${resourceName}.key_id`,
    `}`,
  ].join("\n");
}
