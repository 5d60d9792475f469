import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { keyKeys } from "@/lib/queries/keys.ts";
import { ZKeyListQuery, ZKeyListResponse, keyListSearch } from "@/lib/schemas/key-list.ts";
import type { Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { listKeys } from "@/lib/server/console/keys/list-keys.ts";

/**
 * The keys page's first data, rendered on the server: the page of the key list its URL asks for, under
 * the query key the browser's list hook uses, so the table shows rows at first paint and does not fetch
 * them again. A failure leaves the query empty: the browser then fetches and shows the error.
 */
export async function prefetchKeyList(queryClient: QueryClient, caller: Caller, searchParams: Record<string, unknown>): Promise<void> {
  const flat = Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const query = ZKeyListQuery.parse(flat);
  try {
    const page = ZKeyListResponse.parse(await listKeys({ caller, query }));
    queryClient.setQueryData(keyKeys.list(keyListSearch(query)), page);
  } catch (e) {
    console.warn("[keyhold] prefetching the keys page failed; the browser will ask again:", e);
  }
}
