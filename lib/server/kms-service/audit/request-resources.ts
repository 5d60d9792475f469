import "server-only";

// The resources a request named or produced, for the audit log: KMS keys as key/alias ARNs, custom key
// stores, clusters, HSMs and backups by id.

type Ctx = { region: string; accountId: string };

const KEY_ID = /^(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function keyArn(value: unknown, ctx: Ctx): string | undefined {
  if (typeof value !== "string" || value.length > 2048) return undefined;
  if (value.startsWith("arn:")) return value;
  if (value.startsWith("alias/")) return `arn:aws:kms:${ctx.region}:${ctx.accountId}:${value}`;
  if (KEY_ID.test(value)) return `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${value}`;
  return undefined;
}

function id(value: unknown, prefix: string): string | undefined {
  return typeof value === "string" && value.startsWith(prefix) && value.length <= 128 ? value : undefined;
}

function member(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined;
}

export function requestResources(input: Record<string, unknown> | undefined, output: unknown, ctx: Ctx): string[] {
  const found = [
    ...["KeyId", "SourceKeyId", "DestinationKeyId", "TargetKeyId", "AliasName"].map((m) => keyArn(member(input, m), ctx)),
    keyArn(member(member(output, "KeyMetadata"), "Arn"), ctx),
    keyArn(member(output, "KeyId"), ctx),
    keyArn(member(output, "SourceKeyId"), ctx),
    id(member(input, "CustomKeyStoreId"), "cks-"),
    id(member(output, "CustomKeyStoreId"), "cks-"),
    id(member(input, "CloudHsmClusterId"), "cluster-"),
    id(member(input, "ClusterId"), "cluster-"),
    id(member(input, "HsmId"), "hsm-"),
    id(member(member(output, "Hsm"), "HsmId"), "hsm-"),
    id(member(output, "HsmId"), "hsm-"),
    id(member(input, "BackupId"), "backup-"),
  ];
  return [...new Set(found.filter((r): r is string => r !== undefined))];
}
