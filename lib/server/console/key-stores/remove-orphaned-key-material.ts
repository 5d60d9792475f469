import "server-only";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import type { Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { destroyLocalClusterKeyMaterial } from "@/lib/server/kms-service/local-backend.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { readCachedKeyStores } from "@/lib/server/console/status/read-status-cache.ts";
import { inventoryKeyMaterial } from "./inventory-key-material.ts";

export type RemoveOrphanedKeyMaterialOptions = { caller: Caller; customKeyStoreId: string; label: string };

/**
 * Destroys orphaned key material on the store's cluster (local backend), after the user confirmed it.
 * The inventory is taken again first: material a KMS key owns is never removed, whatever was asked.
 */
export async function removeOrphanedKeyMaterial({ caller, customKeyStoreId, label }: RemoveOrphanedKeyMaterialOptions) {
  const inventory = await inventoryKeyMaterial({ caller, customKeyStoreId });
  if (!inventory.supported) {
    throw new AppError({
      code: "UnsupportedOperationException",
      safeMessage: "Key material can be inventoried and removed with the local backend only.",
    });
  }
  if (!inventory.orphaned.some((o) => o.label === label)) {
    throw new AppError({
      code: "ValidationException",
      safeMessage: "This key material is not orphaned (a KMS key owns it, or it is gone already). Nothing was removed.",
    });
  }
  const [cached] = await readCachedKeyStores(customKeyStoreId);
  const clusterId = cached!.summary.cloudHsmClusterId!; // the inventory above found the store and its cluster
  const result = await destroyLocalClusterKeyMaterial(clusterId, label);
  await recordAuditEvent({
    eventSource: CONSOLE_EVENT_SOURCE,
    eventName: "RemoveOrphanedKeyMaterial",
    requestId: uuid(),
    principalArn: caller.session.user.principalArn,
    sourceIp: caller.sourceIp,
    requestParameters: { customKeyStoreId, label },
    resources: [clusterId],
  });
  return { label, deletedFrom: result.deletedFrom, failed: result.failed };
}
