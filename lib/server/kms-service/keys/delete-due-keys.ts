import "server-only";
import { recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import { db } from "@/lib/server/platform/db.ts";
import { isKeyStoreUsable } from "@/lib/server/kms-service/key-stores/index.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { destroyKeyMaterial, type KeyMaterialDeletion } from "./key-material.ts";
import { KEY_RECORD_INCLUDE, clusterOfKey, type KeyRecord } from "./key-record.ts";

// When a key's waiting period is over, KMS deletes the key and its aliases, then makes a best-effort
// deletion of its CloudHSM key material (spec §4 ScheduleKeyDeletion, §6.3). If the key store is not
// connected, the material is left on the HSMs as orphaned key material, to be removed by hand
// (spec §6.7.6). The outcome is recorded as a DeleteKey audit event by the service, as CloudTrail's
// backingKeysDeletionStatus does.

export type DeleteDueKeysOptions = { now?: Date; limit?: number };

export type BackingKeyDeletionStatus = KeyMaterialDeletion["status"] | "ORPHANED" | "FAILED";

export type DeletedKey = {
  keyId: string;
  keyArn: string;
  customKeyStoreId: string | null;
  cloudHsmClusterId: string | null;
  backingKeyDeletionStatus: BackingKeyDeletionStatus;
  deletedFrom: string[];
  failed: string[];
};

export const KMS_EVENT_SOURCE = "kms.amazonaws.com";

async function deleteMaterial(key: KeyRecord): Promise<Pick<DeletedKey, "backingKeyDeletionStatus" | "deletedFrom" | "failed">> {
  try {
    // Only through a CONNECTED store with kmsuser logged in, as KMS: otherwise the material stays.
    if (key.customKeyStore && !(await isKeyStoreUsable(key.customKeyStore))) {
      return { backingKeyDeletionStatus: "ORPHANED", deletedFrom: [], failed: [] };
    }
    const result = await destroyKeyMaterial({ label: key.keyMaterialLabel, clusterId: clusterOfKey(key) });
    return { backingKeyDeletionStatus: result.status, deletedFrom: result.deletedFrom, failed: result.failed };
  } catch (e) {
    console.warn(`[local-kms] deleting the key material of ${key.arn} failed; it is left orphaned:`, e);
    return { backingKeyDeletionStatus: "FAILED", deletedFrom: [], failed: [] };
  }
}

/**
 * Deletes every key whose DeletionDate is at or before `now`. Reads the database first and touches
 * PKCS#11 only when some key is due. Safe to run concurrently: a key is deleted (and its material
 * destroyed) only by the run whose guarded delete removed its row.
 */
export async function deleteDueKeys(o: DeleteDueKeysOptions = {}): Promise<DeletedKey[]> {
  const now = o.now ?? new Date();
  const due = await db().kmsKey.findMany({
    where: { state: "PendingDeletion", deletionDate: { lte: now } },
    include: KEY_RECORD_INCLUDE,
    orderBy: { deletionDate: "asc" },
    take: o.limit ?? 100,
  });
  const deleted: DeletedKey[] = [];
  for (const key of due) {
    // Aliases and tags go with the row (onDelete: Cascade). The guard loses to a CancelKeyDeletion.
    const { count } = await db().kmsKey.deleteMany({
      where: { id: key.id, state: "PendingDeletion", deletionDate: { lte: now } },
    });
    if (count === 0) continue;
    const outcome = await deleteMaterial(key);
    const result: DeletedKey = {
      keyId: key.id,
      keyArn: key.arn,
      customKeyStoreId: key.customKeyStoreId,
      cloudHsmClusterId: clusterOfKey(key),
      ...outcome,
    };
    if (outcome.backingKeyDeletionStatus === "ORPHANED") {
      console.warn(
        `[local-kms] ${key.arn} deleted while its key store was disconnected: its key material is orphaned on ${clusterOfKey(key)}.`,
      );
    }
    await recordAuditEvent({
      eventSource: KMS_EVENT_SOURCE,
      eventName: "DeleteKey",
      requestId: uuid(),
      time: now,
      requestParameters: {
        keyId: key.arn,
        additionalEventData: {
          customKeyStoreId: key.customKeyStoreId ?? undefined,
          clusterId: clusterOfKey(key) ?? undefined,
          backingKeysDeletionStatus: outcome.backingKeyDeletionStatus,
          backingKeyLabel: key.keyMaterialLabel,
          deletedFrom: outcome.deletedFrom,
          failed: outcome.failed,
        },
      },
      resources: [key.arn],
    }).catch((e: unknown) => console.error(`[local-kms] could not record the deletion of ${key.arn}:`, e));
    deleted.push(result);
  }
  return deleted;
}
