import "server-only";
import { DescribeKeyCommand, type KMSClient } from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { toKeyCacheRow } from "./key-cache-row.ts";
import { listAllAliases } from "./list-all-aliases.ts";
import { ownStateToKeep } from "./store-dependent-state.ts";
import { cachedStoreNames } from "./store-names.ts";

/**
 * After a console write (create, enable/disable, deletion scheduled or cancelled, alias or description
 * changed): the key's row as KMS now describes it, so the keys table shows the change at once rather
 * than after the next poll. Never fails the write it follows: the poller corrects the row later.
 */
export async function updateCachedKey(kms: KMSClient, keyId: string): Promise<void> {
  // Before DescribeKey: a write that lands while it runs is newer than the row (refresh-key-cache.ts).
  const describedAt = new Date();
  try {
    const m = (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata;
    if (!m?.KeyId || m.KeyManager === "AWS") return;
    const [aliases, storeNames, previous] = await Promise.all([
      listAllAliases(kms, m.KeyId),
      cachedStoreNames(),
      db().keySummaryCache.findUnique({ where: { keyId: m.KeyId }, select: { keyState: true } }),
    ]);
    const row = toKeyCacheRow(m, aliases, storeNames);
    const own = ownStateToKeep(row.keyState, previous?.keyState);
    const data = { ...row, keyState: own.keyState, refreshedAt: own.known ? describedAt : new Date(0) };
    await db().keySummaryCache.upsert({ where: { keyId: row.keyId }, create: data, update: data });
  } catch (e) {
    if ((e as { name?: string }).name === "NotFoundException") {
      await db()
        .keySummaryCache.deleteMany({ where: { keyId } })
        .catch(() => undefined);
      return;
    }
    console.warn(`[keyhold] updating the cached key ${keyId} failed; the next poll will:`, e);
  }
}
