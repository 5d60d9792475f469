import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import { requireNotPendingDeletion } from "./key-state.ts";
import { resolveKey } from "./resolve-key.ts";

export type DisableKeyOptions = { scope: CallerScope; keyId: string };

/**
 * Enabled/Disabled → Disabled. PendingDeletion → KMSInvalidStateException. An Unavailable key accepts
 * the change, which shows once its store is connected again (key-state table [12]).
 */
export async function disableKey(o: DisableKeyOptions): Promise<void> {
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:DisableKey" } });
  requireNotPendingDeletion(key);
  await db().kmsKey.update({ where: { id: key.id }, data: { state: "Disabled" } });
}
