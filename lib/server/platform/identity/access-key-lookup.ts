import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { readAccessKeySecret } from "./read-access-key-secret.ts";

// The access-key lookup behind SigV4 verification of /api/aws (lib/server/local-kms). Only Active
// keys sign; answers are cached for a few seconds per process so a busy endpoint does not unseal the
// secret on every request (a deactivated key stops working within CACHE_TTL_MS, as IAM is also
// eventually consistent). lastUsedAt is recorded at most once a minute per key.

export type SigV4AccessKey = { secretAccessKey: string; principalArn: string; userName: string; role: string };

const CACHE_TTL_MS = 10_000;
const CACHE_MAX = 1_000;
const TOUCH_INTERVAL_MS = 60_000;

const cache = new Map<string, { value: SigV4AccessKey | null; expires: number }>();
const lastTouched = new Map<string, number>();

function touch(accessKeyId: string, now: number): void {
  if (now - (lastTouched.get(accessKeyId) ?? 0) < TOUCH_INTERVAL_MS) return;
  lastTouched.set(accessKeyId, now);
  db()
    .accessKey.updateMany({ where: { id: accessKeyId }, data: { lastUsedAt: new Date(now) } })
    .catch((e: unknown) => console.error(`[keyhold] could not record use of access key ${accessKeyId}`, e));
}

export async function findAccessKeyForSigV4(accessKeyId: string): Promise<SigV4AccessKey | null> {
  const now = Date.now();
  const hit = cache.get(accessKeyId);
  let value: SigV4AccessKey | null;
  if (hit && hit.expires > now) {
    value = hit.value;
  } else {
    const key = await readAccessKeySecret(accessKeyId);
    value =
      key && key.status === "Active"
        ? { secretAccessKey: key.secretAccessKey, principalArn: key.principalArn, userName: key.userName, role: key.role }
        : null;
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(accessKeyId, { value, expires: now + CACHE_TTL_MS });
  }
  if (value) touch(accessKeyId, now);
  return value;
}

/** Drops cached answers (tests; after a key's status changes in this process). */
export function clearAccessKeyCache(): void {
  cache.clear();
  lastTouched.clear();
}
