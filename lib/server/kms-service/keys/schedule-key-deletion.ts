import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import { validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { requireNotPendingDeletion } from "./key-state.ts";
import { resolveKey } from "./resolve-key.ts";

export type ScheduleKeyDeletionOptions = { scope: CallerScope; keyId: string; pendingWindowInDays?: number; now?: Date };

export type ScheduledKeyDeletion = { keyArn: string; deletionDate: Date; pendingWindowInDays: number };

export const MIN_PENDING_WINDOW_DAYS = 7;
export const MAX_PENDING_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Enabled, Disabled or Unavailable → PendingDeletion, DeletionDate = now + 7–30 days (default 30).
 * Already pending → KMSInvalidStateException. The sweeper (delete-due-keys.ts) deletes it when due.
 */
export async function scheduleKeyDeletion(o: ScheduleKeyDeletionOptions): Promise<ScheduledKeyDeletion> {
  const days = o.pendingWindowInDays ?? MAX_PENDING_WINDOW_DAYS;
  if (days < MIN_PENDING_WINDOW_DAYS || days > MAX_PENDING_WINDOW_DAYS) {
    const bound =
      days < MIN_PENDING_WINDOW_DAYS
        ? `greater than or equal to ${MIN_PENDING_WINDOW_DAYS}`
        : `less than or equal to ${MAX_PENDING_WINDOW_DAYS}`;
    throw validationError(
      `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:ScheduleKeyDeletion" } });
  requireNotPendingDeletion(key);
  const deletionDate = new Date((o.now ?? new Date()).getTime() + days * DAY_MS);
  await db().kmsKey.update({ where: { id: key.id }, data: { state: "PendingDeletion", deletionDate } });
  return { keyArn: key.arn, deletionDate, pendingWindowInDays: days };
}
