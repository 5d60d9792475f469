import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { principalArn } from "./principal-arn.ts";

// Slows down guessing the current password on ChangePassword, as the sign-in throttle does for
// sign-in (console/auth/login-throttle.ts): a stolen session must not become an unlimited password
// oracle. Failures are counted per user in the audit log (so the count holds across restarts and
// instances): after 5 wrong current passwords since the last change, each further attempt must wait
// 30 s × 2^(extra failures) after the last failure, at most 15 minutes.
//
// An attempt counts before its password is checked: reserveChangePasswordAttempt() takes a slot for
// the user synchronously, and an attempt still in flight counts as a failure made now for every
// attempt that reserved after it; the slot is released once the attempt's audit row is written. So
// parallel wrong attempts cannot all read "0 failures" before any of them is written.

export const CHANGE_PASSWORD_EVENT = "ChangePassword";
export const WRONG_CURRENT_PASSWORD = "InvalidCurrentPassword";
export const CHANGE_PASSWORD_THROTTLED = "ThrottlingException";

const FREE_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

const holder = globalThis as unknown as { keyholdChangePasswordAttempts?: Map<string, number> };
const inFlight = (): Map<string, number> => (holder.keyholdChangePasswordAttempts ??= new Map());

export type ChangePasswordReservation = { before: number; release: () => void };

/** Counts an attempt for this user before anything is awaited; call `release()` once it is audited. */
export function reserveChangePasswordAttempt(userId: string): ChangePasswordReservation {
  const map = inFlight();
  const before = map.get(userId) ?? 0;
  map.set(userId, before + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (map.get(userId) ?? 1) - 1;
    if (left > 0) map.set(userId, left);
    else map.delete(userId);
  };
  return { before, release };
}

/** Throws ThrottlingException when this attempt must wait; returns when it may check the password. */
export async function checkChangePasswordThrottle(
  userName: string,
  reservation: ChangePasswordReservation,
  now = new Date(),
): Promise<void> {
  const waitMs = await waitMsFor(userName, reservation.before, now);
  if (waitMs <= 0) return;
  const seconds = Math.ceil(waitMs / 1000);
  throw new AppError({
    code: CHANGE_PASSWORD_THROTTLED,
    safeMessage: `Too many wrong current passwords. Wait ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`} and try again.`,
  });
}

async function waitMsFor(userName: string, before: number, now: Date): Promise<number> {
  // The user is the event's resource (record-identity-event.ts), whoever signed the request.
  const where = { eventName: CHANGE_PASSWORD_EVENT, resources: JSON.stringify([principalArn(userName)]) };
  const windowStart = new Date(now.getTime() - WINDOW_MS);
  const lastSuccess = await db().auditEvent.findFirst({
    where: { ...where, errorCode: null, time: { gt: windowStart } },
    orderBy: { time: "desc" },
    select: { time: true },
  });
  const failedWhere = { ...where, errorCode: WRONG_CURRENT_PASSWORD, time: { gt: lastSuccess?.time ?? windowStart } };
  const failures = (await db().auditEvent.count({ where: failedWhere })) + before;
  if (failures < FREE_FAILURES) return 0;
  const last =
    before > 0 ? now : (await db().auditEvent.findFirst({ where: failedWhere, orderBy: { time: "desc" }, select: { time: true } }))?.time;
  const delay = Math.min(BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS);
  return (last?.getTime() ?? 0) + delay - now.getTime();
}
