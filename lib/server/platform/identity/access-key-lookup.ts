import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { WriteInvalidatedCache } from "@/lib/server/platform/write-invalidated-cache.ts";
import { findConsoleSessionKey, isConsoleSessionKeyId } from "./console-session-credentials.ts";
import { readAccessKeySecret } from "./read-access-key-secret.ts";

// The access-key lookup behind SigV4 verification of /api/aws. Only Active keys sign. Answers (the
// unsealed secret, or "no such active key") are held in memory until the next write of any AccessKey or
// User row (write-invalidated-cache.ts): a key deactivated, deleted or rotated, or a user's role
// changed, is seen by the very next request, and a busy endpoint neither reads the database nor unseals
// the secret per request. lastUsedAt is recorded at most once a minute per key (an update of that
// column alone invalidates nothing: db-writes.ts). The console's own session credentials (ASIA…) are
// looked up by console-session-credentials.ts.

export type SigV4AccessKey = { secretAccessKey: string; principalArn: string; userName: string; role: string };

const TOUCH_INTERVAL_MS = 60_000;

const cache = new WriteInvalidatedCache<SigV4AccessKey | null>("sigv4-access-keys", ["AccessKey", "User"], 1_000);
const touched = globalThis as unknown as { keyholdAccessKeyTouched?: Map<string, number> };

function touch(accessKeyId: string, now: number): void {
  const lastTouched = (touched.keyholdAccessKeyTouched ??= new Map());
  if (now - (lastTouched.get(accessKeyId) ?? 0) < TOUCH_INTERVAL_MS) return;
  lastTouched.set(accessKeyId, now);
  db()
    .accessKey.updateMany({ where: { id: accessKeyId }, data: { lastUsedAt: new Date(now) } })
    .catch((e: unknown) => console.error(`[keyhold] could not record use of access key ${accessKeyId}`, e));
}

async function load(accessKeyId: string): Promise<SigV4AccessKey | null> {
  const key = await readAccessKeySecret(accessKeyId);
  return key && key.status === "Active"
    ? { secretAccessKey: key.secretAccessKey, principalArn: key.principalArn, userName: key.userName, role: key.role }
    : null;
}

export async function findAccessKeyForSigV4(accessKeyId: string): Promise<SigV4AccessKey | null> {
  if (isConsoleSessionKeyId(accessKeyId)) return findConsoleSessionKey(accessKeyId);
  const hit = cache.peek(accessKeyId);
  const value = hit ? hit.value : await cache.get(accessKeyId, () => load(accessKeyId));
  if (value) touch(accessKeyId, Date.now());
  return value;
}

/** Drops cached answers (tests). */
export function clearAccessKeyCache(): void {
  cache.clear();
  touched.keyholdAccessKeyTouched?.clear();
}
