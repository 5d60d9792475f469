import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import { KEY_STORE_LIMIT, type KeyStoreListResponse } from "@/lib/schemas/key-stores.ts";
import { kmsForCaller, type Caller } from "@/lib/server/aws/user-credentials.ts";
import { describeAllClusters } from "@/lib/server/clusters-console/describe-all-clusters.ts";
import { describeAllKeys } from "@/lib/server/keys/describe-all-keys.ts";
import { describeAllKeyStores } from "./describe-all-key-stores.ts";
import { toKeyStoreSummary } from "./to-key-store-summary.ts";

export type ListKeyStoresOptions = { caller: Caller };

/**
 * Every custom key store with its cluster's HSM count (CloudHSM DescribeClusters; the KMS answer has
 * none) and the number of KMS keys in it. Filtering, sorting and paging happen in the browser, on
 * at most 10 stores.
 */
export async function listKeyStores({ caller }: ListKeyStoresOptions): Promise<KeyStoreListResponse> {
  const kms = await kmsForCaller(caller);
  const stores = await describeAllKeyStores(kms);
  const names = new Map(stores.map((s) => [s.CustomKeyStoreId!, s.CustomKeyStoreName ?? ""]));
  const [clusters, keys] = await Promise.all([
    stores.some((s) => s.CloudHsmClusterId) ? describeAllClusters(caller).catch(() => [] as Cluster[]) : Promise.resolve([] as Cluster[]),
    describeAllKeys(kms, names),
  ]);
  const byCluster = new Map(clusters.map((c) => [c.ClusterId!, c]));
  const counts = new Map<string, number>();
  for (const k of keys) if (k.customKeyStoreId) counts.set(k.customKeyStoreId, (counts.get(k.customKeyStoreId) ?? 0) + 1);
  return {
    keyStores: stores.map((s) => toKeyStoreSummary(s, byCluster, counts.get(s.CustomKeyStoreId!) ?? 0)),
    totalStores: stores.length,
    limit: KEY_STORE_LIMIT,
  };
}
