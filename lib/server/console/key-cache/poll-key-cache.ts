import "server-only";
import type { KMSClient } from "@aws-sdk/client-kms";
import { recordKeyCacheRefresh } from "./key-cache-freshness.ts";
import { refreshKeyCache } from "./refresh-key-cache.ts";

/**
 * The status poller's pass over the key cache. A failure is recorded (the keys page then says how old
 * its list is) and logged, never thrown: it says nothing about the key stores' status.
 */
export async function pollKeyCache(kms: KMSClient): Promise<void> {
  const at = new Date();
  try {
    await refreshKeyCache({ kms });
  } catch (e) {
    const err = e as { code?: string; name?: string };
    console.warn("[keyhold] refreshing the key cache failed; the keys page shows the last list:", e);
    await recordKeyCacheRefresh({ at, ok: false, errorCode: err.code ?? err.name ?? "UnknownError" }).catch(() => undefined);
  }
}
