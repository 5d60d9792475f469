import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { authorizeKeyAction } from "@/lib/server/kms-service/authz/authorize-key-action.ts";
import { db } from "@/lib/server/platform/db.ts";
import { aliasArn } from "./key-arn.ts";
import { KEY_RECORD_INCLUDE } from "./key-record.ts";
import { aliasNotFound } from "./resolve-key.ts";

export type DeleteLocalAliasOptions = { scope: CallerScope; aliasName: string };

/**
 * Deletes an alias whatever the state of its key, if the key's policy allows kms:DeleteAlias (the
 * role allowed it for the alias before this ran).
 */
export async function deleteLocalAlias(o: DeleteLocalAliasOptions): Promise<void> {
  const alias = await db().alias.findUnique({ where: { name: o.aliasName }, include: { key: { include: KEY_RECORD_INCLUDE } } });
  if (!alias) throw aliasNotFound(aliasArn(o.scope, o.aliasName));
  await authorizeKeyAction({ caller: o.scope, key: alias.key, action: "kms:DeleteAlias" });
  const { count } = await db().alias.deleteMany({ where: { name: o.aliasName, keyId: alias.keyId } });
  if (count === 0) throw aliasNotFound(aliasArn(o.scope, o.aliasName));
}
