import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { aliasArn, type ServiceScope } from "./key-arn.ts";
import { aliasNotFound } from "./resolve-key.ts";

export type DeleteLocalAliasOptions = { scope: ServiceScope; aliasName: string };

/** Deletes an alias whatever the state of its key. */
export async function deleteLocalAlias(o: DeleteLocalAliasOptions): Promise<void> {
  const { count } = await db().alias.deleteMany({ where: { name: o.aliasName } });
  if (count === 0) throw aliasNotFound(aliasArn(o.scope, o.aliasName));
}
