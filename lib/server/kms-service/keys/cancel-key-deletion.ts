import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import { keyState, notPendingDeletionError } from "./key-state.ts";
import { resolveKey } from "./resolve-key.ts";

export type CancelKeyDeletionOptions = { scope: CallerScope; keyId: string };

/**
 * PendingDeletion → Disabled (also while its store is disconnected, footnote [13]); any other state →
 * KMSInvalidStateException "<arn> is not pending deletion.". Returns the key ARN.
 */
export async function cancelKeyDeletion(o: CancelKeyDeletionOptions): Promise<string> {
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:CancelKeyDeletion" } });
  if (keyState(key) !== "PendingDeletion") throw notPendingDeletionError(key.arn);
  await db().kmsKey.update({ where: { id: key.id }, data: { state: "Disabled", deletionDate: null } });
  return key.arn;
}
