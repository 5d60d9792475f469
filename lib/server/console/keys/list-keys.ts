import "server-only";
import type { KeyListQuery, KeyListResponse } from "@/lib/schemas/key-list.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { readKeyCacheFreshness } from "@/lib/server/console/key-cache/key-cache-freshness.ts";
import { listCachedKeys } from "@/lib/server/console/key-cache/list-cached-keys.ts";
import { refreshKeyCache } from "@/lib/server/console/key-cache/refresh-key-cache.ts";

export type ListKeysOptions = { caller: Caller; query: KeyListQuery };

/**
 * A page of the customer managed keys from the console's key cache (console/key-cache/), which the
 * status poller and the console's own writes keep fresh. Before the poller's first pass the caller's
 * own clients fill it once, so a new console does not show an empty list.
 */
export async function listKeys({ caller, query }: ListKeysOptions): Promise<KeyListResponse> {
  if (!(await readKeyCacheFreshness()).refreshedAt) await refreshKeysForCaller(caller);
  return listCachedKeys(query);
}

/** The keys page's Refresh: one pass over the key cache with the caller's clients. */
export async function refreshKeysForCaller(caller: Caller): Promise<void> {
  await refreshKeyCache({ kms: await kmsForCaller(caller) });
}
