import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { masterKey } from "@/lib/server/platform/secrets/master-key.ts";

// Sign-in slow-down, kept in the audit log so that it holds across restarts and across several
// console instances sharing a database. Failures are counted per user name + source IP, per user name
// (whatever the IP, since X-Forwarded-For can be forged) and per IP (password spraying). Once a
// bucket has used its free failures, each further attempt must wait 30 s × 2^(extra failures) after
// the last failure, at most 15 minutes. A successful sign-in resets its buckets. Unknown and known
// user names are treated alike, so the throttle does not reveal which names exist.
//
// An attempt counts before its password is checked: reserveLoginAttempt() takes, synchronously, a slot
// in each of its buckets in this process, and an attempt still in flight counts as a failure made now
// for every attempt that reserved after it. The reservation is released only once the attempt's audit
// row is written, so at every moment an attempt is counted by the database or by the reservation.
// Without it, 60 parallel wrong passwords all read "0 failures" before any was written and all were
// checked. (Instances sharing a PostgreSQL database each reserve for themselves; across instances the
// database count alone applies.)

export const LOGIN_EVENT = "ConsoleLogin";
export const LOGIN_FAILED = "AuthenticationFailed";
export const LOGIN_THROTTLED = "ThrottlingException";

const WINDOW_MS = 15 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

type Bucket = { sourceIp?: string; nameKey?: string; freeFailures: number; inFlight: number };

// On globalThis: Next bundles server code into several layers, and server.ts loads its own copy.
const holder = globalThis as unknown as { keyholdLoginAttempts?: Map<string, number> };
const inFlightAttempts = (): Map<string, number> => (holder.keyholdLoginAttempts ??= new Map());

/** An attempt's place in its buckets: how many attempts of each were in flight before it, and its release. */
export type LoginReservation = {
  nameKey: string;
  sourceIp: string;
  before: { nameAndIp: number; name: number; ip: number };
  release: () => void;
};

/**
 * Counts an attempt in this process before anything is awaited (so no parallel attempt can slip in
 * between the count and the check). Call `release()` once the attempt's audit row is written.
 */
export function reserveLoginAttempt(opts: { nameKey: string; sourceIp: string }): LoginReservation {
  const keys = { nameAndIp: `n:${opts.nameKey}|i:${opts.sourceIp}`, name: `n:${opts.nameKey}`, ip: `i:${opts.sourceIp}` };
  const map = inFlightAttempts();
  const before = { nameAndIp: map.get(keys.nameAndIp) ?? 0, name: map.get(keys.name) ?? 0, ip: map.get(keys.ip) ?? 0 };
  for (const key of Object.values(keys)) map.set(key, (map.get(key) ?? 0) + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    for (const key of Object.values(keys)) {
      const left = (map.get(key) ?? 1) - 1;
      if (left > 0) map.set(key, left);
      else map.delete(key);
    }
  };
  return { ...opts, before, release };
}

export class ThrottlingError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super({
      code: LOGIN_THROTTLED,
      safeMessage: `Too many failed sign-in attempts. Wait ${formatWait(retryAfterSeconds)} and try again.`,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** A keyed hash of the (case-folded) user name: correlates attempts without logging what was typed. */
export function loginNameKey(userName: string): string {
  const key = crypto.hkdfSync("sha256", masterKey(), Buffer.alloc(0), "keyhold/login-throttle/v1", 32);
  return crypto.createHmac("sha256", Buffer.from(key)).update(userName.toLowerCase(), "utf8").digest("hex").slice(0, 32);
}

function bucketWhere({ sourceIp, nameKey }: Bucket) {
  return {
    eventName: LOGIN_EVENT,
    ...(sourceIp ? { sourceIp } : {}),
    ...(nameKey ? { requestParameters: { contains: `"nameKey":"${nameKey}"` } } : {}),
  };
}

async function bucketWaitMs(bucket: Bucket, now: Date): Promise<number> {
  const where = bucketWhere(bucket);
  const lastSuccess = await db().auditEvent.findFirst({
    where: { ...where, errorCode: null, time: { gt: new Date(now.getTime() - WINDOW_MS) } },
    orderBy: { time: "desc" },
    select: { time: true },
  });
  const since = lastSuccess?.time ?? new Date(now.getTime() - WINDOW_MS);
  const failedWhere = { ...where, errorCode: LOGIN_FAILED, time: { gt: since } };
  // Attempts still in flight count as failures made now (the pessimistic reading of an unknown outcome).
  const failures = (await db().auditEvent.count({ where: failedWhere })) + bucket.inFlight;
  if (failures < bucket.freeFailures) return 0;
  const last =
    bucket.inFlight > 0
      ? { time: now }
      : await db().auditEvent.findFirst({ where: failedWhere, orderBy: { time: "desc" }, select: { time: true } });
  const delay = Math.min(BASE_DELAY_MS * 2 ** (failures - bucket.freeFailures), MAX_DELAY_MS);
  return Math.max(0, (last?.time.getTime() ?? 0) + delay - now.getTime());
}

/**
 * Seconds the caller must still wait before another attempt for this name from this IP; 0 when allowed.
 * With a reservation, the attempts in flight before it count too.
 */
export async function loginRetryAfterSeconds(opts: {
  nameKey: string;
  sourceIp: string;
  reservation?: LoginReservation;
  now?: Date;
}): Promise<number> {
  const now = opts.now ?? new Date();
  const before = opts.reservation?.before ?? { nameAndIp: 0, name: 0, ip: 0 };
  const waits = await Promise.all([
    bucketWaitMs({ nameKey: opts.nameKey, sourceIp: opts.sourceIp, freeFailures: 5, inFlight: before.nameAndIp }, now),
    bucketWaitMs({ nameKey: opts.nameKey, freeFailures: 20, inFlight: before.name }, now),
    bucketWaitMs({ sourceIp: opts.sourceIp, freeFailures: 50, inFlight: before.ip }, now),
  ]);
  return Math.ceil(Math.max(...waits) / 1000);
}
