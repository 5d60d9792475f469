import "server-only";
import type { KMSClient } from "@aws-sdk/client-kms";
import { readKeyCacheFreshness, recordKeyCacheRefresh } from "./key-cache-freshness.ts";
import { refreshKeyCache } from "./refresh-key-cache.ts";

/**
 * The least time between two of the poller's passes. A pass lists every key and alias (with 10,000
 * keys: 10 ListKeys and about 100 ListAliases calls, each signed, verified and audited), so it runs at
 * most this often, whichever console instance leads; the console's own writes update their key at once,
 * and the page's Refresh button does a pass on demand.
 */
export const KEY_CACHE_MIN_INTERVAL_MS = 30_000;

/**
 * The status poller's pass over the key cache. A failure is recorded (the keys page then says how old
 * its list is) and logged, never thrown: it says nothing about the key stores' status.
 */
export async function pollKeyCache(kms: KMSClient, { minIntervalMs = KEY_CACHE_MIN_INTERVAL_MS } = {}): Promise<void> {
  const at = new Date();
  try {
    const { refreshedAt } = await readKeyCacheFreshness();
    if (refreshedAt && at.getTime() - refreshedAt.getTime() < minIntervalMs) return;
    await refreshKeyCache({ kms });
  } catch (e) {
    const err = e as { code?: string; name?: string };
    console.warn("[keyhold] refreshing the key cache failed; the keys page shows the last list:", e);
    await recordKeyCacheRefresh({ at, ok: false, errorCode: err.code ?? err.name ?? "UnknownError" }).catch(() => undefined);
  }
}
