import "server-only";
import { type KeyListQuery, type KeyListResponse } from "@/lib/schemas/key-list.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { summaryFromRow } from "./key-cache-row.ts";
import { readKeyCacheFreshness } from "./key-cache-freshness.ts";
import { shownKeyState, shownStateWhere, unavailableStoreIds } from "./store-dependent-state.ts";

const SORT_COLUMN = {
  alias: "sortAlias",
  id: "keyId",
  state: "keyState",
  origin: "origin",
  store: "sortStore",
  created: "creationDate",
} as const;

/** AWS mode: when the least recently described key was described (rows not described yet left out). */
async function oldestDescription(): Promise<Date | null> {
  if (env().KEYHOLD_BACKEND === "local") return null;
  const r = await db().keySummaryCache.aggregate({ _min: { refreshedAt: true }, where: { refreshedAt: { gt: new Date(0) } } });
  return r._min.refreshedAt;
}

/** One page of the key cache, filtered and sorted in SQL, with the total and how fresh the cache is. */
export async function listCachedKeys(query: KeyListQuery): Promise<KeyListResponse> {
  const unavailable = await unavailableStoreIds();
  const unavailableSet = new Set(unavailable);
  const where = {
    ...(query.q ? { searchText: { contains: query.q.toLowerCase() } } : {}),
    ...(query.state ? shownStateWhere(query.state, unavailable) : {}),
    ...(query.origin ? { origin: query.origin } : {}),
    ...(query.store ? { customKeyStoreId: query.store } : {}),
  };
  const dir = query.dir;
  const [total, stores, freshness, statesAsOf] = await Promise.all([
    db().keySummaryCache.count({ where }),
    db().keySummaryCache.groupBy({ by: ["customKeyStoreId", "customKeyStoreName"], where: { customKeyStoreId: { not: null } } }),
    readKeyCacheFreshness(),
    oldestDescription(),
  ]);
  // Past the last page (a filter narrowed the list): the last page, not an empty one.
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.size)));
  const rows = await db().keySummaryCache.findMany({
    where,
    // The key id breaks ties, so pages neither repeat nor skip a key; in the same direction, so the
    // (column, keyId) index gives the page without a sort.
    orderBy: query.sort === "id" ? [{ keyId: dir }] : [{ [SORT_COLUMN[query.sort]]: dir }, { keyId: dir }],
    skip: (page - 1) * query.size,
    take: query.size,
  });
  return {
    keys: rows.map((r) => summaryFromRow({ ...r, keyState: shownKeyState(r.keyState, r.customKeyStoreId, unavailableSet) })),
    total,
    page,
    size: query.size,
    stores: stores
      .map((s) => ({ customKeyStoreId: s.customKeyStoreId!, customKeyStoreName: s.customKeyStoreName || s.customKeyStoreId! }))
      .sort((a, b) => a.customKeyStoreName.localeCompare(b.customKeyStoreName)),
    refreshedAt: freshness.refreshedAt?.toISOString() ?? null,
    refreshErrorCode: freshness.lastErrorCode,
    statesAsOf: statesAsOf?.toISOString() ?? null,
  };
}
