import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import { DescribeCustomKeyStoresCommand } from "@aws-sdk/client-kms";
import type { KeyStoreDetailResponse } from "@/lib/schemas/key-stores.ts";
import { callAws } from "@/lib/server/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/aws/user-credentials.ts";
import { describeAllClusters } from "@/lib/server/clusters-console/describe-all-clusters.ts";
import { toClusterSummary } from "@/lib/server/clusters-console/to-cluster-summary.ts";
import { describeAllKeys } from "@/lib/server/keys/describe-all-keys.ts";
import { toKeyStoreSummary } from "./to-key-store-summary.ts";

export type GetKeyStoreOptions = { caller: Caller; customKeyStoreId: string };

/** One key store, its cluster with the HSM inventory, and the KMS keys in it. */
export async function getKeyStore({ caller, customKeyStoreId }: GetKeyStoreOptions): Promise<KeyStoreDetailResponse> {
  const kms = await kmsForCaller(caller);
  const described = await callAws(() => kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: customKeyStoreId })));
  const store = described.CustomKeyStores?.[0];
  if (!store) throw new Error(`DescribeCustomKeyStores returned no entry for ${customKeyStoreId}`);
  const [clusters, keys] = await Promise.all([
    store.CloudHsmClusterId ? describeAllClusters(caller).catch(() => [] as Cluster[]) : Promise.resolve([] as Cluster[]),
    describeAllKeys(kms, new Map([[customKeyStoreId, store.CustomKeyStoreName ?? ""]])),
  ]);
  const cluster = clusters.find((c) => c.ClusterId === store.CloudHsmClusterId);
  const inStore = keys.filter((k) => k.customKeyStoreId === customKeyStoreId);
  const byCluster = new Map(clusters.map((c) => [c.ClusterId!, c]));
  return {
    keyStore: toKeyStoreSummary(store, byCluster, inStore.length),
    cluster: cluster
      ? toClusterSummary(cluster, { customKeyStoreId, customKeyStoreName: store.CustomKeyStoreName ?? "" })
      : null,
    keys: inStore,
  };
}
