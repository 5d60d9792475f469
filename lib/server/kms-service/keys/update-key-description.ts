import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import type { ServiceScope } from "./key-arn.ts";
import { requireNotPendingDeletion } from "./key-state.ts";
import { resolveKey } from "./resolve-key.ts";

export type UpdateLocalKeyDescriptionOptions = { scope: ServiceScope; keyId: string; description: string };

/** Replaces the description (may be empty); not while the key is pending deletion. */
export async function updateLocalKeyDescription(o: UpdateLocalKeyDescriptionOptions): Promise<void> {
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false });
  requireNotPendingDeletion(key);
  await db().kmsKey.update({ where: { id: key.id }, data: { description: o.description } });
}
