import "server-only";
import type { RefreshStatusResponse } from "@/lib/schemas/key-stores.ts";
import type { Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { readBackendStatus } from "@/lib/server/console/status/read-status-cache.ts";
import { refreshStatusForCaller } from "@/lib/server/console/status/refresh-for-caller.ts";

export type RefreshStatusesNowOptions = { caller: Caller };

/**
 * The on-demand refresh ("Refresh" on the key stores pages): describes every store and cluster now,
 * with the caller's clients. A backend that cannot be reached is an answer, not an error: the cache
 * keeps the last known states and the response says since when the backend is unreachable.
 */
export async function refreshStatusesNow({ caller }: RefreshStatusesNowOptions): Promise<RefreshStatusResponse> {
  const counts = await refreshStatusForCaller(caller, { keyCounts: true }).catch(() => ({ keyStores: 0, clusters: 0 }));
  return { backend: await readBackendStatus(), keyStores: counts.keyStores, clusters: counts.clusters };
}
