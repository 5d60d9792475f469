import "server-only";
import { databaseProvider } from "@/lib/server/platform/database-url.ts";
import { db } from "@/lib/server/platform/db.ts";
import { WRITE_BUMPS, hearsOtherInstances, modelWriteGeneration } from "@/lib/server/platform/db-writes.ts";
import { env } from "@/lib/server/platform/env.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// The quota of KMS keys per account and Region (spec §6.5), without counting the table on every
// CreateKey: at 10,000 keys the count costs ~1 ms of event-loop time, which ran beside the HSM's
// C_GenerateKey and slowed it. The count is remembered with the KmsKey write generation it was read at
// (db-writes.ts). A CreateKey whose row was the only KmsKey write since then moves it on by one; any
// other write of the table (a deletion, a seed, another instance's write heard over LISTEN/NOTIFY)
// leaves it behind, and the next CreateKey counts again, beside the HSM's work as before. On
// PostgreSQL while the other instances' writes are not heard, it counts every time.

const MODELS = ["KmsKey"] as const;

type Known = { count: number; generation: number };
const holder = globalThis as unknown as { keyholdKeyCount?: Known };

export const maxKmsKeys = (): number => env().KEYHOLD_KMS_KEY_LIMIT;

function remembered(): Known | undefined {
  const known = holder.keyholdKeyCount;
  if (!known || known.generation !== modelWriteGeneration(MODELS)) return undefined;
  if (databaseProvider() === "postgresql" && !hearsOtherInstances()) return undefined;
  return known;
}

/**
 * Starts the quota check: resolves when one more key fits, rejects with LimitExceededException when
 * not. Counts only when the count is not known (then on the event loop while the caller's HSM works).
 */
export function checkKeyQuota(): Promise<void> {
  const known = remembered();
  const counted = known
    ? Promise.resolve(known.count)
    : (() => {
        const generation = modelWriteGeneration(MODELS);
        return db()
          .kmsKey.count()
          .then((count) => {
            // A write while counting: the count may miss it, so it is used but not remembered.
            if (modelWriteGeneration(MODELS) === generation) holder.keyholdKeyCount = { count, generation };
            return count;
          });
      })();
  return counted.then((count) => {
    if (count >= maxKmsKeys()) {
      throw new KmsError("LimitExceededException", `The number of KMS keys in the account and Region exceeds ${maxKmsKeys()}.`);
    }
  });
}

/** The KmsKey write generation to pass to keyRowInserted once the new key's row is written. */
export function keyWriteGeneration(): number {
  return modelWriteGeneration(MODELS);
}

/**
 * After CreateKey wrote its row: the remembered count grows by one if that write was the only KmsKey
 * write since `before` (keyWriteGeneration() read just before it); else it is forgotten.
 */
export function keyRowInserted(before: number): void {
  const known = holder.keyholdKeyCount;
  if (!known) return;
  const now = modelWriteGeneration(MODELS);
  holder.keyholdKeyCount =
    known.generation === before && now === before + WRITE_BUMPS ? { count: known.count + 1, generation: now } : undefined;
}
