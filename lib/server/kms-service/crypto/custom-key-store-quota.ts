import "server-only";
import { env } from "@/lib/server/platform/env.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// The custom key store request quota (spec §6.5): the keys of each custom key store share 1,800
// cryptographic operations per second (KEYHOLD_CKS_CRYPTO_RPS). One token bucket per store in this
// process, holding at most one second's worth; an empty bucket is ThrottlingException (HTTP 400).

type Bucket = { tokens: number; updatedMs: number };

const state = globalThis as unknown as { keyholdCksBuckets?: Map<string, Bucket> };

export function throttlingError(): KmsError {
  return new KmsError("ThrottlingException", "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.");
}

/** Takes one request from the store's bucket, or throws ThrottlingException. */
export function chargeCustomKeyStoreQuota(storeId: string, nowMs = performance.now()): void {
  const rate = env().KEYHOLD_CKS_CRYPTO_RPS;
  const buckets = (state.keyholdCksBuckets ??= new Map());
  const bucket = buckets.get(storeId) ?? { tokens: rate, updatedMs: nowMs };
  bucket.tokens = Math.min(rate, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * rate);
  bucket.updatedMs = nowMs;
  buckets.set(storeId, bucket);
  if (bucket.tokens < 1) throw throttlingError();
  bucket.tokens -= 1;
}
