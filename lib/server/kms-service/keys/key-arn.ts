import "server-only";

// ARNs of KMS keys and aliases in the local service's Region and account (spec §3.1: key ARN
// arn:aws:kms:<region>:<account>:key/<uuid>, alias ARN arn:aws:kms:<region>:<account>:alias/<name>).

/** The Region and account the service answers for (OperationContext carries both). */
export type ServiceScope = { region: string; accountId: string };

export function keyArn(scope: ServiceScope, keyId: string): string {
  return `arn:aws:kms:${scope.region}:${scope.accountId}:key/${keyId}`;
}

/** `aliasName` includes its "alias/" prefix. */
export function aliasArn(scope: ServiceScope, aliasName: string): string {
  return `arn:aws:kms:${scope.region}:${scope.accountId}:${aliasName}`;
}

export function accountRootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** The account id inside a key ARN. */
export function accountOfArn(arn: string): string {
  return arn.split(":")[4] ?? "";
}

export const KEY_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** arn:<partition>:kms:<region>:<account>:key/<id> or …:alias/<name>. */
const KMS_ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]*):(\d*):(key|alias)\/(.+)$/;

export type ParsedKmsArn = { region: string; accountId: string; type: "key" | "alias"; resource: string };

export function parseKmsArn(value: string): ParsedKmsArn | undefined {
  const m = KMS_ARN.exec(value);
  if (!m) return undefined;
  return { region: m[2]!, accountId: m[3]!, type: m[4] as "key" | "alias", resource: m[5]! };
}
