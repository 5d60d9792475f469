import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import { requireNotPendingDeletion } from "./key-state.ts";
import { resolveKey } from "./resolve-key.ts";

export type UpdateLocalKeyDescriptionOptions = { scope: CallerScope; keyId: string; description: string };

/** Replaces the description (may be empty); not while the key is pending deletion. */
export async function updateLocalKeyDescription(o: UpdateLocalKeyDescriptionOptions): Promise<void> {
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:UpdateKeyDescription" } });
  requireNotPendingDeletion(key);
  await db().kmsKey.update({ where: { id: key.id }, data: { description: o.description } });
}
