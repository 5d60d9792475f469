import "server-only";
import { KEY_STORE_LIMIT, type KeyStoreListResponse } from "@/lib/schemas/key-stores.ts";
import type { Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { readBackendStatus, readCachedKeyStores, statusCacheFilled } from "@/lib/server/console/status/read-status-cache.ts";
import { refreshStatusForCaller } from "@/lib/server/console/status/refresh-for-caller.ts";
import { env } from "@/lib/server/platform/env.ts";

export type ListKeyStoresOptions = { caller: Caller };

/**
 * Every custom key store from the status cache (connection state, HSM count, key count, readiness,
 * how old each is and whether the backend answered the last poll): a slow or failed backend never
 * holds the page up. Only before the cache was ever filled does this refresh it first, with the
 * caller's own clients. Filtering, sorting and paging happen in the browser, on at most 10 stores (KMS's limit).
 */
export async function listKeyStores({ caller }: ListKeyStoresOptions): Promise<KeyStoreListResponse> {
  if (!(await statusCacheFilled())) await refreshStatusForCaller(caller, { keyCounts: true });
  const [cached, backend] = await Promise.all([readCachedKeyStores(), readBackendStatus()]);
  const keyStores = cached.map((c) => c.summary);
  // KMS's limit; the local service's may be raised for a test rig (env.ts).
  const limit = env().KEYHOLD_BACKEND === "local" ? env().KEYHOLD_CUSTOM_KEY_STORE_LIMIT : KEY_STORE_LIMIT;
  return { keyStores, totalStores: keyStores.length, limit, backend };
}
