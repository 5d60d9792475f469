import "server-only";
import { db } from "@/lib/server/platform/db.ts";

const ROW = "keys";

/** Records a refresh of the key cache: a success moves lastSuccessAt, a failure keeps it and says why. */
export async function recordKeyCacheRefresh(r: { at: Date; ok: true } | { at: Date; ok: false; errorCode: string }): Promise<void> {
  const data = r.ok ? { lastSuccessAt: r.at } : { lastErrorAt: r.at, lastErrorCode: r.errorCode };
  await db().keyCacheRefresh.upsert({ where: { id: ROW }, create: { id: ROW, ...data }, update: data });
}

/** When the key cache last listed every key (null: never, so it is empty or filled only by console writes). */
export async function readKeyCacheFreshness(): Promise<{ refreshedAt: Date | null; lastErrorCode: string | null }> {
  const row = await db().keyCacheRefresh.findUnique({ where: { id: ROW } });
  const failedSince = row?.lastErrorAt && (!row.lastSuccessAt || row.lastErrorAt > row.lastSuccessAt);
  return { refreshedAt: row?.lastSuccessAt ?? null, lastErrorCode: failedSince ? (row?.lastErrorCode ?? null) : null };
}
