import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { checkAliasName, checkAliasQuota } from "./alias-rules.ts";
import { aliasArn } from "./key-arn.ts";
import { requireNotPendingDeletion } from "./key-state.ts";
import { resolveKey } from "./resolve-key.ts";

export type CreateLocalAliasOptions = { scope: CallerScope; aliasName: string; targetKeyId: string };

function alreadyExists(scope: CallerScope, name: string): KmsError {
  return new KmsError("AlreadyExistsException", `An alias with the name ${aliasArn(scope, name)} already exists`);
}

/** alias/<name> → key (key ID or ARN). Allowed in every key state but PendingDeletion ([3]). */
export async function createLocalAlias(o: CreateLocalAliasOptions): Promise<void> {
  checkAliasName(o.aliasName);
  const key = await resolveKey({ keyId: o.targetKeyId, scope: o.scope, allowAlias: false, access: { action: "kms:CreateAlias" } });
  requireNotPendingDeletion(key);
  if (await db().alias.findUnique({ where: { name: o.aliasName }, select: { name: true } })) {
    throw alreadyExists(o.scope, o.aliasName);
  }
  await checkAliasQuota(key.id);
  try {
    await db().alias.create({ data: { name: o.aliasName, keyId: key.id } });
  } catch (e) {
    // A concurrent CreateAlias won the race for the same name.
    if ((e as { code?: string }).code === "P2002") throw alreadyExists(o.scope, o.aliasName);
    throw e;
  }
}
