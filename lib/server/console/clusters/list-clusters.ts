import "server-only";
import type { ClusterListResponse } from "@/lib/schemas/clusters.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeLocalKmsuserStates } from "@/lib/server/kms-service/local-backend.ts";
import { env } from "@/lib/server/platform/env.ts";
import { describeAllKeyStores } from "@/lib/server/console/key-stores/describe-all-key-stores.ts";
import { describeAllClusters } from "./describe-all-clusters.ts";
import { toClusterSummary, type StoreRef } from "./to-cluster-summary.ts";

export type ListClustersOptions = { caller: Caller };

/**
 * The account's CloudHSM clusters with their HSMs, the key store using each, and whether each can
 * back a new key store (the key-store wizard's cluster picker reads this too).
 */
export async function listClusters({ caller }: ListClustersOptions): Promise<ClusterListResponse> {
  const kms = await kmsForCaller(caller);
  const [clusters, stores] = await Promise.all([describeAllClusters(caller), describeAllKeyStores(kms)]);
  const byCluster = new Map<string, StoreRef>();
  for (const s of stores) {
    if (s.CloudHsmClusterId)
      byCluster.set(s.CloudHsmClusterId, { customKeyStoreId: s.CustomKeyStoreId!, customKeyStoreName: s.CustomKeyStoreName ?? "" });
  }
  const localMode = env().KEYHOLD_BACKEND === "local";
  const kmsuser = new Map((localMode ? await describeLocalKmsuserStates() : []).map((k) => [k.clusterId, k]));
  return {
    clusters: clusters
      .map((c) => toClusterSummary(c, byCluster.get(c.ClusterId!) ?? null, kmsuser.get(c.ClusterId!)))
      .sort((a, b) => (b.createTimestamp ?? "").localeCompare(a.createTimestamp ?? "")),
    localMode,
  };
}
