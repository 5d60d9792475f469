import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import { describeClusters } from "@/lib/server/hsm/clusters/describe-clusters.ts";
import { checkFilterNames } from "./check-filters.ts";
import { pageAfter } from "./next-token.ts";

export type ListLocalClustersOptions = { filters?: Record<string, string[]>; maxResults?: number; nextToken?: string };

export const CLUSTER_FILTERS = ["clusterIds", "states", "vpcIds"] as const;

/** DescribeClusters: the clusters matching every given filter (any of its values), oldest first, paged. */
export async function listLocalClusters(options: ListLocalClustersOptions): Promise<{ Clusters: Cluster[]; NextToken?: string }> {
  checkFilterNames(options.filters, CLUSTER_FILTERS);
  const { clusterIds, states, vpcIds } = options.filters ?? {};
  const clusters = (await describeClusters({ clusterIds, states })).filter((c) => !vpcIds || vpcIds.includes(c.VpcId ?? ""));
  const page = pageAfter(clusters, (c) => ({ id: c.ClusterId!, createdAt: c.CreateTimestamp! }), {
    token: options.nextToken,
    maxResults: options.maxResults,
  });
  return { Clusters: page.items, NextToken: page.nextToken };
}
