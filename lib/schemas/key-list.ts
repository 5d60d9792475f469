import { z } from "zod";
import { ZKeyState, ZKeySummary, ZOrigin } from "./keys.ts";

// The keys table's one request: a page of the console's key cache, sorted and filtered on the server.
// The same params live in the page's URL (q, state, origin, store, sort, dir, page, size), so a view can
// be linked, and the server page prefetches exactly what the browser will ask for.

export const KEY_SORTS = ["alias", "id", "state", "origin", "store", "created"] as const;
export const KEY_PAGE_SIZES = [10, 25, 50] as const;
export const DEFAULT_KEY_PAGE_SIZE = 10;

const optional = <T extends z.ZodType>(s: T) => s.optional().catch(undefined);

/** Lenient: a hand-edited URL falls back to the defaults instead of failing the page. */
export const ZKeyListQuery = z.object({
  q: optional(z.string().trim().max(256)).transform((v) => v || undefined),
  state: optional(ZKeyState),
  origin: optional(ZOrigin),
  store: optional(z.string().trim().min(1).max(64)),
  sort: z.enum(KEY_SORTS).catch("created"),
  /** Newest first by default, as the table shows it; a column header sets asc or desc. */
  dir: z.enum(["asc", "desc"]).catch("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (KEY_PAGE_SIZES as readonly number[]).includes(n))
    .catch(DEFAULT_KEY_PAGE_SIZE),
});
export type KeyListQuery = z.infer<typeof ZKeyListQuery>;

/** The params as a URL query string, defaults left out (the list hook's URL and its query key). */
export function keyListSearch(q: KeyListQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set("q", q.q);
  if (q.state) p.set("state", q.state);
  if (q.origin) p.set("origin", q.origin);
  if (q.store) p.set("store", q.store);
  if (q.sort !== "created") p.set("sort", q.sort);
  if (q.dir !== "desc") p.set("dir", q.dir);
  if (q.page !== 1) p.set("page", String(q.page));
  if (q.size !== DEFAULT_KEY_PAGE_SIZE) p.set("size", String(q.size));
  return p.toString();
}

export const ZKeyListResponse = z.object({
  keys: z.array(ZKeySummary),
  /** Keys matching the filters, over all pages. */
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  /** The custom key stores that hold cached keys, for the store filter. */
  stores: z.array(z.object({ customKeyStoreId: z.string(), customKeyStoreName: z.string() })),
  /** When the poller last listed every key; null before its first pass. */
  refreshedAt: z.iso.datetime().nullable(),
  /** The last refresh failed with this error (the list is as of refreshedAt). */
  refreshErrorCode: z.string().nullable(),
  /**
   * AWS mode: the oldest DescribeKey the cached states come from (a state changed outside the console
   * shows when the rotating window reaches its key). Null in local mode, where every change is followed
   * on the next pass.
   */
  statesAsOf: z.iso.datetime().nullable(),
});
export type KeyListResponse = z.infer<typeof ZKeyListResponse>;

export const ZKeyCacheRefreshResponse = z.object({ refreshedAt: z.iso.datetime().nullable() });
