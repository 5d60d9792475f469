import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { WRITE_BUMPS } from "@/lib/server/platform/db-writes.ts";
import { env } from "@/lib/server/platform/env.ts";
import { WriteInvalidatedCache } from "@/lib/server/platform/write-invalidated-cache.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// The quota of KMS keys per account and Region (spec §6.5), without counting the table on every
// CreateKey: at 10,000 keys the count costs ~1 ms of event-loop time, which ran beside the HSM's
// C_GenerateKey and slowed it. The count is held like any cached row (write-invalidated-cache.ts): any
// write of KmsKey (a deletion, a seed, another instance's write) drops it, and the next CreateKey counts
// again, beside the HSM's work. CreateKey's own row moves it on by one instead, when that row was the
// only KmsKey write since the count was known.

const keyCount = new WriteInvalidatedCache<number>("kms-key-count", ["KmsKey"], 1);
const ALL = "all";

export const maxKmsKeys = (): number => env().KEYHOLD_KMS_KEY_LIMIT;

/**
 * Starts the quota check: resolves when one more key fits, rejects with LimitExceededException when
 * not. Counts only when the count is not known (then on the event loop while the caller's HSM works).
 */
export async function checkKeyQuota(): Promise<void> {
  const count = await keyCount.get(ALL, () => db().kmsKey.count());
  if (count >= maxKmsKeys()) {
    throw new KmsError("LimitExceededException", `The number of KMS keys in the account and Region exceeds ${maxKmsKeys()}.`);
  }
}

export type BeforeKeyRow = { count: number | undefined; generation: number };

/** Read just before CreateKey writes its row; keyRowInserted takes it once the row is written. */
export function beforeKeyRow(): BeforeKeyRow {
  return { count: keyCount.peek(ALL)?.value, generation: keyCount.generation() };
}

/** After CreateKey wrote its row: one more key, kept only if that write was the only KmsKey write since `before`. */
export function keyRowInserted(before: BeforeKeyRow): void {
  if (before.count !== undefined) keyCount.set(ALL, before.count + 1, before.generation + WRITE_BUMPS);
}
