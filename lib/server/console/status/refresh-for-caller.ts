import "server-only";
import { cloudHsmForCaller, kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { refreshStatusCache, type RefreshResult } from "./refresh-status-cache.ts";

/**
 * Refreshes the status cache with the signed-in user's own clients: the on-demand refresh, the very
 * first page load, and right after a change the console made (create, connect, disconnect, edit,
 * delete), so the cache shows the service's answer without waiting for the next poll.
 */
export async function refreshStatusForCaller(caller: Caller, { keyCounts = false }: { keyCounts?: boolean } = {}): Promise<RefreshResult> {
  const [kms, cloudHsm] = await Promise.all([kmsForCaller(caller), cloudHsmForCaller(caller)]);
  return refreshStatusCache({ kms, cloudHsm, keyCounts });
}

/** The same after a change, where a failed refresh must not fail the change itself (the poller catches up). */
export async function refreshAfterChange(caller: Caller): Promise<void> {
  await refreshStatusForCaller(caller, { keyCounts: true }).catch(() => undefined);
}
