import "server-only";
import type { AliasListEntry, KMSClient } from "@aws-sdk/client-kms";
import { describeKeys } from "@/lib/server/console/keys/describe-keys.ts";
import { listAllKeyIds } from "@/lib/server/console/keys/list-all-key-ids.ts";
import { readLocalKeyChangeTimes } from "@/lib/server/kms-service/local-backend.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { SORTS_LAST, toKeyCacheRow, searchText } from "./key-cache-row.ts";
import { listAllAliases } from "./list-all-aliases.ts";
import { recordKeyCacheRefresh } from "./key-cache-freshness.ts";
import { ownStateToKeep } from "./store-dependent-state.ts";
import { cachedStoreNames } from "./store-names.ts";

export type RefreshKeyCacheOptions = {
  kms: KMSClient;
  /**
   * DescribeKey calls per refresh for keys not seen before (16 at a time): with 10,000 new keys and the
   * default, a first fill takes 20 passes, so the service sees a bounded stream rather than a flood.
   */
  describeBudget?: number;
  /**
   * Local mode: DescribeKey calls per refresh for keys the service changed since the cache last described
   * them (KmsKey.updatedAt, read through local-backend.ts), oldest description first. A change made
   * outside the console (the AWS CLI disables a key) therefore shows after the next pass, unless more
   * keys than this changed since the last one.
   */
  changedBudget?: number;
  /**
   * DescribeKey calls per refresh for other keys seen before, least recently described first (a rotating
   * window). In AWS mode, which has no change record to ask, the window grows with the key count so every
   * key is described again within AWS_CYCLE_PASSES passes (10,000 keys: 1,000 a pass, each key every
   * 10 passes); in local mode it is only a safety net.
   */
  redescribeBudget?: number;
  /** A key described more recently than this is not in the rotating window. */
  staleAfterMs?: number;
  now?: () => Date;
};

export type RefreshKeyCacheResult = { listed: number; described: number; changed: number; removed: number; aliasesChanged: number };

/** AWS mode: every key is described again within this many passes (while under MAX_WINDOW keys a pass). */
export const AWS_CYCLE_PASSES = 10;
const MAX_WINDOW = 1_000;

// SQLite allows 32,766 bound variables per statement; stay far below for `IN (...)` lists.
const CHUNK = 500;
const chunks = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

const aliasNames = (aliases: AliasListEntry[], keyId: string) =>
  aliases
    .filter((a) => a.TargetKeyId === keyId && a.AliasName)
    .map((a) => a.AliasName!)
    .sort();

/** The rotating window's size for this many cached keys. */
export function rotatingWindow(keys: number, redescribeBudget: number, local: boolean): number {
  return local ? redescribeBudget : Math.max(redescribeBudget, Math.min(MAX_WINDOW, Math.ceil(keys / AWS_CYCLE_PASSES)));
}

/**
 * One incremental pass: ListKeys (all pages), ListAliases (all pages), DescribeKey for a bounded number
 * of keys: new ones, (local mode) the ones the service changed since they were last described, and a
 * rotating window of the rest. Keys no longer listed are removed; aliases and store names are brought
 * up to date on every row (they come from the listings, not from DescribeKey).
 */
export async function refreshKeyCache({
  kms,
  describeBudget = 500,
  changedBudget = 1_000,
  redescribeBudget = 100,
  staleAfterMs = 60_000,
  now = () => new Date(),
}: RefreshKeyCacheOptions): Promise<RefreshKeyCacheResult> {
  const startedAt = now();
  const local = env().KEYHOLD_BACKEND === "local";
  const [listed, aliases, storeNames, changeTimes] = await Promise.all([
    listAllKeyIds(kms),
    listAllAliases(kms),
    cachedStoreNames(),
    local ? readLocalKeyChangeTimes() : undefined,
  ]);
  const known = await db().keySummaryCache.findMany({
    select: {
      keyId: true,
      keyState: true,
      refreshedAt: true,
      aliasesJson: true,
      description: true,
      customKeyStoreId: true,
      customKeyStoreName: true,
    },
    orderBy: { refreshedAt: "asc" },
  });
  const knownIds = new Set(known.map((k) => k.keyId));
  const listedSet = new Set(listed);

  const gone = known.filter((k) => !listedSet.has(k.keyId)).map((k) => k.keyId);
  for (const part of chunks(gone)) await db().keySummaryCache.deleteMany({ where: { keyId: { in: part } } });

  const staleBefore = startedAt.getTime() - staleAfterMs;
  const kept = known.filter((k) => listedSet.has(k.keyId));
  const unseen = listed.filter((id) => !knownIds.has(id));
  // Written at or after the description the row holds (refreshedAt is when that DescribeKey began).
  const isChanged = (k: (typeof kept)[number]) => (changeTimes?.get(k.keyId)?.getTime() ?? -1) >= k.refreshedAt.getTime();
  const changed = kept.filter(isChanged).map((k) => k.keyId);
  const stale = kept.filter((k) => !isChanged(k) && k.refreshedAt.getTime() < staleBefore).map((k) => k.keyId);
  const toDescribe = [
    ...unseen.slice(0, describeBudget),
    ...changed.slice(0, changedBudget),
    ...stale.slice(0, rotatingWindow(kept.length, redescribeBudget, local)),
  ];
  // Before DescribeKey: a write that lands while it runs is newer than the row, so it is followed next pass.
  const describedAt = now();
  // A key the poller may not describe (its key policy) is left out, and asked about again next time.
  const described = (await describeKeys(kms, toDescribe, { skipDenied: true })).filter((m) => m.KeyManager !== "AWS");
  const describedIds = new Set(described.map((m) => m.KeyId!));
  const previousState = new Map(known.map((k) => [k.keyId, k.keyState]));
  for (const m of described) {
    const row = toKeyCacheRow(m, aliases, storeNames);
    const own = ownStateToKeep(row.keyState, previousState.get(row.keyId));
    // A row whose own state is not known yet counts as never described: first in line next time.
    const data = { ...row, keyState: own.keyState, refreshedAt: own.known ? describedAt : new Date(0) };
    await db().keySummaryCache.upsert({ where: { keyId: row.keyId }, create: data, update: data });
  }

  // Rows not described this time: their aliases and store name from the listings, written only if changed.
  let aliasesChanged = 0;
  for (const k of known) {
    if (!listedSet.has(k.keyId) || describedIds.has(k.keyId)) continue;
    const names = aliasNames(aliases, k.keyId);
    const storeName = k.customKeyStoreId ? (storeNames.get(k.customKeyStoreId) ?? k.customKeyStoreName) : null;
    const aliasesJson = JSON.stringify(names);
    if (aliasesJson === k.aliasesJson && storeName === k.customKeyStoreName) continue;
    aliasesChanged++;
    await db().keySummaryCache.update({
      where: { keyId: k.keyId },
      data: {
        aliasesJson,
        sortAlias: names[0] ?? SORTS_LAST,
        searchText: searchText(names, k.keyId, k.description),
        customKeyStoreName: storeName,
        sortStore: k.customKeyStoreId ? storeName || k.customKeyStoreId : SORTS_LAST,
      },
    });
  }
  await recordKeyCacheRefresh({ at: startedAt, ok: true });
  return { listed: listed.length, described: described.length, changed: changed.length, removed: gone.length, aliasesChanged };
}
