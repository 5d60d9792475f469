import "server-only";
import type { KMSClient } from "@aws-sdk/client-kms";
import { refreshKeyCache } from "@/lib/server/console/key-cache/refresh-key-cache.ts";
import { db } from "@/lib/server/platform/db.ts";

/**
 * How many KMS keys each custom key store holds, by store id, counted in the console's key cache after
 * one pass over it (ListKeys, ListAliases and a bounded number of DescribeKey calls: refresh-key-cache.ts),
 * so the count costs the same at 10,000 keys as at 10. A key not described yet (a first fill of many
 * keys takes several passes, 500 new keys each) is counted once it is; a key the caller may not describe
 * is not counted.
 */
export async function countKeysPerStore(kms: KMSClient): Promise<Map<string, number>> {
  await refreshKeyCache({ kms });
  return countCachedKeysPerStore();
}

/** The key cache's count per custom key store (keys in no custom key store are left out). */
export async function countCachedKeysPerStore(): Promise<Map<string, number>> {
  const groups = await db().keySummaryCache.groupBy({
    by: ["customKeyStoreId"],
    where: { customKeyStoreId: { not: null } },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.customKeyStoreId!, g._count._all]));
}
