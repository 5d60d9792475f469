import "server-only";
import { accessDenied } from "@/lib/server/kms-service/authz/access-denied.ts";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { roleAllows } from "@/lib/server/kms-service/authz/role-allows.ts";
import { dryRunError } from "@/lib/server/kms-service/crypto/key-for-crypto.ts";
import { validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { accountRootArn } from "@/lib/server/kms-service/keys/key-arn.ts";
import { resolveKey } from "@/lib/server/kms-service/keys/resolve-key.ts";
import { db } from "@/lib/server/platform/db.ts";
import { deleteGrant } from "./delete-grant.ts";
import { GRANT_ID_PATTERN, grantIdOfToken, grantNotFound, invalidGrantId, invalidGrantToken } from "./grant-token.ts";
import { toGrant, type Grant } from "./grant-types.ts";

export type RetireGrantOptions = { scope: CallerScope; grantToken?: string; keyId?: string; grantId?: string; dryRun?: boolean };

/**
 * Who may retire a grant, as the grant decides: its retiring principal, its grantee when the grant
 * allows RetireGrant, and the account that issued it — here its users whose role allows
 * kms:RetireGrant (IAM). A principal named by its account delegates to the role as well.
 */
function mayRetire(grant: Grant, scope: CallerScope): boolean {
  const account = [scope.accountId, accountRootArn(scope.accountId)];
  const names = (p: string | undefined) =>
    p === scope.principalArn || (p !== undefined && account.includes(p) && roleAllows(scope, "kms:RetireGrant"));
  if (names(grant.retiringPrincipal)) return true;
  if (grant.operations.includes("RetireGrant") && names(grant.granteePrincipal)) return true;
  return grant.issuingAccount === accountRootArn(scope.accountId) && roleAllows(scope, "kms:RetireGrant");
}

/** Deletes a grant named by a grant token, or by KeyId and GrantId; any key state. */
export async function retireGrant(o: RetireGrantOptions): Promise<void> {
  const fromToken = o.grantToken === undefined ? undefined : grantIdOfToken(o.grantToken);
  if (o.grantToken !== undefined && fromToken === undefined) throw invalidGrantToken();
  if (fromToken === undefined && (o.keyId === undefined || o.grantId === undefined)) {
    throw validationError("Specify a GrantToken, or both a KeyId and a GrantId.");
  }
  const grantId = o.grantId ?? fromToken!;
  if (!GRANT_ID_PATTERN.test(grantId) || (fromToken !== undefined && grantId !== fromToken)) throw invalidGrantId();
  const key =
    o.keyId === undefined
      ? undefined
      : await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { unchecked: "the grant decides who retires it" } });
  const row = await db().keyGrant.findFirst({ where: { id: grantId, ...(key ? { keyId: key.id } : {}) }, include: { key: true } });
  if (!row) throw grantNotFound(grantId);
  if (!mayRetire(toGrant(row), o.scope)) throw accessDenied(o.scope.principalArn, "kms:RetireGrant", "no-resource-policy", row.key.arn);
  if (o.dryRun) throw dryRunError();
  await deleteGrant(row.keyId, grantId);
}
