import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import { checkAliasName, checkAliasQuota } from "./alias-rules.ts";
import { aliasArn } from "./key-arn.ts";
import { requireNotPendingDeletion } from "./key-state.ts";
import { aliasNotFound, findKeyById, resolveKey } from "./resolve-key.ts";

export type UpdateAliasOptions = { scope: CallerScope; aliasName: string; targetKeyId: string };

/**
 * Points an existing alias at another key. The current target may be pending deletion; the new one
 * may not ([10]). Every key here is symmetric ENCRYPT_DECRYPT, so the "same type and usage" rule holds.
 * Both keys' policies must allow kms:UpdateAlias (the role allowed it for the alias before this ran).
 */
export async function updateAlias(o: UpdateAliasOptions): Promise<void> {
  checkAliasName(o.aliasName);
  const alias = await db().alias.findUnique({ where: { name: o.aliasName } });
  if (!alias) throw aliasNotFound(aliasArn(o.scope, o.aliasName));
  const access = { action: "kms:UpdateAlias" } as const;
  await findKeyById(alias.keyId, o.scope, access);
  const key = await resolveKey({ keyId: o.targetKeyId, scope: o.scope, allowAlias: false, access });
  requireNotPendingDeletion(key);
  if (key.id === alias.keyId) return;
  await checkAliasQuota(key.id);
  await db().alias.update({ where: { name: o.aliasName }, data: { keyId: key.id } });
}
