import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import { describeAllKeyStores } from "@/lib/server/console/key-stores/describe-all-key-stores.ts";
import { describeClustersWith } from "@/lib/server/console/clusters/describe-all-clusters.ts";
import type { StatusClients } from "./status-clients.ts";
import { countKeysPerStore } from "./count-keys-per-store.ts";
import { probeXksStores } from "./probe-xks-stores.ts";
import { recordPollResult } from "./record-poll-result.ts";
import { refreshClusterStatuses } from "./refresh-cluster-statuses.ts";
import { refreshKeyStoreStatuses } from "./refresh-key-store-statuses.ts";

export type RefreshStatusCacheOptions = StatusClients & {
  /** Also count each store's KMS keys (after a pass over the key cache, whose rows are counted). */
  keyCounts?: boolean;
  now?: () => Date;
};

export type RefreshResult = { keyStores: number; clusters: number; changes: number };

/** The error code to record for a failed poll: the service's error name, or the network error's code. */
function errorCode(e: unknown): string {
  const err = e as { code?: string; name?: string; cause?: { code?: string } };
  return err.cause?.code ?? (err.code && err.code !== "InternalError" ? err.code : undefined) ?? err.name ?? "UnknownError";
}

/**
 * Refreshes the status cache from DescribeCustomKeyStores and DescribeClusters: every store's
 * connection state and error code, every cluster's state and HSMs, and a history row for each change;
 * then each external key store's proxy health (probe-xks-stores.ts).
 * A failed call leaves the cache as it was and records the failure (the badges then say the backend
 * is unreachable, with the last known state); the error is rethrown.
 */
export async function refreshStatusCache({
  kms,
  cloudHsm,
  keyCounts = false,
  now = () => new Date(),
}: RefreshStatusCacheOptions): Promise<RefreshResult> {
  const startedAt = now();
  try {
    const stores = await describeAllKeyStores(kms);
    const needClusters = stores.some((s) => s.CloudHsmClusterId);
    const [clusters, counts] = await Promise.all([
      needClusters ? describeClustersWith(cloudHsm) : Promise.resolve([] as Cluster[]),
      // A failed count keeps the last counts; it says nothing about whether the backend is reachable.
      keyCounts
        ? countKeysPerStore(kms).catch((e: unknown) => {
            console.warn("[keyhold] counting the keys of each key store failed; the last counts stay:", e);
            return undefined;
          })
        : Promise.resolve(undefined),
    ]);
    const at = now();
    const changes = (await refreshKeyStoreStatuses(stores, counts, at)) + (await refreshClusterStatuses(clusters, at));
    await probeXksStores(stores, at);
    await recordPollResult({ attemptAt: startedAt, ok: true });
    return { keyStores: stores.length, clusters: clusters.length, changes };
  } catch (e) {
    await recordPollResult({ attemptAt: startedAt, ok: false, errorCode: errorCode(e) });
    throw e;
  }
}
