import "server-only";
import { hsmError } from "@/lib/server/hsm/errors.ts";
import { unwrapKey, wrapKey } from "@/lib/server/hsm/key-wrap.ts";
import { destroyKey, hasKey, keyCheckValue, listKeyLabels } from "@/lib/server/hsm/keys.ts";
import type { BackupKey } from "./backup-file.ts";

// Moving key material between a cluster's HSMs: wrapped under the trusted cluster key on one token,
// unwrapped under the same key on the other, then compared by key check value (SoftHSM leaves
// CKA_CHECK_VALUE empty on unwrapped keys, so both sides compute it).

/**
 * Unwraps the blob on the target (on libuv's pool) while `expectedKcv` runs on the main thread, then
 * compares the copy's check value with it; a copy that differs is destroyed. Returns the expected value.
 */
async function verifiedUnwrap(target: string, label: string, blob: Buffer, expectedKcv: () => Buffer | Promise<Buffer>): Promise<Buffer> {
  const [unwrapped, expected] = await Promise.allSettled([unwrapKey(target, label, blob), Promise.resolve().then(expectedKcv)]);
  if (unwrapped.status === "rejected") throw unwrapped.reason;
  if (expected.status === "rejected") {
    await destroyKey(target, label).catch(() => undefined);
    throw expected.reason;
  }
  const kcv = await keyCheckValue(target, label);
  if (!kcv.equals(expected.value)) {
    await destroyKey(target, label);
    throw hsmError("KMSInternalException", "Key material did not replicate correctly.", {
      internalMessage: `check value mismatch for "${label}" on "${target}"`,
    });
  }
  return expected.value;
}

/**
 * Copies one key from source to target token (both logged in) and returns its check value on the
 * source; nothing to copy if the target has it. `sourceKcv`: that check value, when the caller has it.
 */
export async function replicateKey(source: string, target: string, label: string, sourceKcv?: Buffer): Promise<Buffer> {
  if (hasKey(target, label)) return sourceKcv ?? keyCheckValue(source, label);
  const blob = await wrapKey(source, label);
  return verifiedUnwrap(target, label, blob, () => sourceKcv ?? keyCheckValue(source, label));
}

/** Copies every key the target lacks from the source; returns how many were copied. */
export async function copyKeys(source: string, target: string): Promise<number> {
  let copied = 0;
  for (const label of listKeyLabels(source)) {
    if (hasKey(target, label)) continue;
    await replicateKey(source, target, label);
    copied++;
  }
  return copied;
}

/** Wraps every key of a token for a backup. */
export async function exportKeys(source: string): Promise<BackupKey[]> {
  const keys: BackupKey[] = [];
  for (const label of listKeyLabels(source)) {
    const wrapped = await wrapKey(source, label);
    const kcv = await keyCheckValue(source, label);
    keys.push({ label, wrapped: wrapped.toString("base64"), kcv: kcv.toString("hex") });
  }
  return keys;
}

/** Unwraps a backup's keys into a token (skipping those it already has); returns how many. */
export async function importKeys(target: string, keys: BackupKey[]): Promise<number> {
  let imported = 0;
  for (const key of keys) {
    if (hasKey(target, key.label)) continue;
    await verifiedUnwrap(target, key.label, Buffer.from(key.wrapped, "base64"), () => Buffer.from(key.kcv, "hex"));
    imported++;
  }
  return imported;
}
