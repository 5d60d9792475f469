import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { dryRunError } from "@/lib/server/kms-service/crypto/key-for-crypto.ts";
import { resolveKey } from "@/lib/server/kms-service/keys/resolve-key.ts";
import { db } from "@/lib/server/platform/db.ts";
import { deleteGrant } from "./delete-grant.ts";
import { GRANT_ID_PATTERN, grantNotFound, invalidGrantId } from "./grant-token.ts";

export type RevokeGrantOptions = { scope: CallerScope; keyId: string; grantId: string; dryRun?: boolean };

/**
 * Deletes a grant of a key, in force at once: kms:RevokeGrant on the key's policy (every key state).
 * A GrantId that cannot be one is InvalidGrantIdException; one the key does not have, NotFoundException.
 */
export async function revokeGrant(o: RevokeGrantOptions): Promise<void> {
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:RevokeGrant" } });
  if (!GRANT_ID_PATTERN.test(o.grantId)) throw invalidGrantId();
  if (!(await db().keyGrant.findFirst({ where: { id: o.grantId, keyId: key.id }, select: { id: true } }))) throw grantNotFound(o.grantId);
  if (o.dryRun) throw dryRunError();
  await deleteGrant(key.id, o.grantId);
}
