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

export const LOGIN_EVENT = "ConsoleLogin";
export const LOGIN_FAILED = "AuthenticationFailed";
export const LOGIN_THROTTLED = "ThrottlingException";

const WINDOW_MS = 15 * 60_000;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

type Bucket = { sourceIp?: string; nameKey?: string; freeFailures: number };

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
  const failures = await db().auditEvent.count({ where: failedWhere });
  if (failures < bucket.freeFailures) return 0;
  const last = await db().auditEvent.findFirst({ where: failedWhere, orderBy: { time: "desc" }, select: { time: true } });
  const delay = Math.min(BASE_DELAY_MS * 2 ** (failures - bucket.freeFailures), MAX_DELAY_MS);
  return Math.max(0, (last?.time.getTime() ?? 0) + delay - now.getTime());
}

/** Seconds the caller must still wait before another attempt for this name from this IP; 0 when allowed. */
export async function loginRetryAfterSeconds(opts: { nameKey: string; sourceIp: string; now?: Date }): Promise<number> {
  const now = opts.now ?? new Date();
  const waits = await Promise.all([
    bucketWaitMs({ nameKey: opts.nameKey, sourceIp: opts.sourceIp, freeFailures: 5 }, now),
    bucketWaitMs({ nameKey: opts.nameKey, freeFailures: 20 }, now),
    bucketWaitMs({ sourceIp: opts.sourceIp, freeFailures: 50 }, now),
  ]);
  return Math.ceil(Math.max(...waits) / 1000);
}
