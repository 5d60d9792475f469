import "server-only";
import type { KeyMaterialInventoryResponse } from "@/lib/schemas/key-material.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { listLocalClusterKeyMaterial } from "@/lib/server/kms-service/local-backend.ts";
import { env } from "@/lib/server/platform/env.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { describeAllKeys } from "@/lib/server/console/keys/describe-all-keys.ts";
import { readCachedKeyStores } from "@/lib/server/console/status/read-status-cache.ts";

export type InventoryKeyMaterialOptions = { caller: Caller; customKeyStoreId: string };

/**
 * Compares the key labels on the cluster's active HSMs with the KMS keys of the store: keys whose
 * material is missing (operations fail) and material no KMS key of the account owns (orphaned).
 * Local backend only: the labels are read from the local cluster's PKCS#11 tokens; with
 * KEYHOLD_BACKEND=aws the answer says it is not supported.
 */
export async function inventoryKeyMaterial({
  caller,
  customKeyStoreId,
}: InventoryKeyMaterialOptions): Promise<KeyMaterialInventoryResponse> {
  const checkedAt = new Date().toISOString();
  if (env().KEYHOLD_BACKEND !== "local") return { supported: false, checkedAt, hsms: [], missing: [], orphaned: [] };
  const [cached] = await readCachedKeyStores(customKeyStoreId);
  if (!cached)
    throw new AppError({
      code: "CustomKeyStoreNotFoundException",
      safeMessage: `There is no custom key store ${customKeyStoreId}.`,
    });
  const clusterId = cached.summary.cloudHsmClusterId;
  if (!clusterId || !cached.cluster) return { supported: true, checkedAt, hsms: [], missing: [], orphaned: [] };

  const kms = await kmsForCaller(caller);
  const [allKeys, hsms] = await Promise.all([
    describeAllKeys(kms, new Map([[customKeyStoreId, cached.summary.customKeyStoreName]])),
    listLocalClusterKeyMaterial(clusterId),
  ]);
  const readable = hsms.filter((h) => h.labels !== null);
  const anyKey = new Set(allKeys.map((k) => k.arn));
  const missing = allKeys
    .filter((k) => k.customKeyStoreId === customKeyStoreId)
    .map((k) => {
      const missingOn = readable.filter((h) => !h.labels!.includes(k.arn)).map((h) => h.hsmId);
      return {
        keyId: k.keyId,
        keyArn: k.arn,
        keyState: k.keyState,
        missingOn,
        missingEverywhere: readable.length > 0 && missingOn.length === readable.length,
      };
    })
    .filter((m) => m.missingOn.length > 0);
  const orphans = new Map<string, string[]>();
  for (const h of readable)
    for (const label of h.labels!) if (!anyKey.has(label)) orphans.set(label, [...(orphans.get(label) ?? []), h.hsmId]);
  return {
    supported: true,
    checkedAt,
    hsms: hsms.map((h) => ({
      hsmId: h.hsmId,
      availabilityZone: h.availabilityZone,
      keyCount: h.labels?.length ?? null,
      errorCode: h.error?.code,
    })),
    missing,
    orphaned: [...orphans.entries()].map(([label, hsmIds]) => ({ label, hsmIds })).sort((a, b) => a.label.localeCompare(b.label)),
  };
}
