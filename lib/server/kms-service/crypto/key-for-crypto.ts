import "server-only";
import crypto from "node:crypto";
import type { CallerScope, KmsAction } from "@/lib/server/kms-service/authz/caller.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { SYMMETRIC_DEFAULT, type KeyRecord } from "@/lib/server/kms-service/keys/key-record.ts";
import { isKeyStoreUsable } from "@/lib/server/kms-service/key-stores/index.ts";
import { requireEnabledForCrypto, unavailableError } from "@/lib/server/kms-service/keys/key-state.ts";
import { resolveKeyCached } from "@/lib/server/kms-service/keys/resolve-key.ts";
import { chargeCustomKeyStoreQuota } from "./custom-key-store-quota.ts";
import type { EncryptionContext } from "./encryption-context.ts";

// The checks every cryptographic operation makes on its key, in this order: the key exists (key ID,
// key ARN, alias name or alias ARN) → its key policy and grants allow the caller the action with
// this encryption context → the request counts against its custom key store's quota →
// the key is Enabled (Disabled / PendingDeletion / Unavailable errors of the key-state table) → its
// store is usable by this process (kmsuser logged in with the store's password; after a restart the
// first use logs in again, and a store whose login fails for good becomes FAILED, its keys
// Unavailable) → the algorithm suits it → DryRun stops here.

export type CryptoKeyAccess = { scope: CallerScope; action: KmsAction; encryptionContext?: EncryptionContext };

export async function resolveKeyForCrypto(o: CryptoKeyAccess & { keyId: string }): Promise<KeyRecord> {
  return resolveKeyCached({
    keyId: o.keyId,
    scope: o.scope,
    allowAlias: true,
    access: { action: o.action, facts: { encryptionContext: o.encryptionContext } },
  });
}

/** Quota, then key state and store session, then algorithm. */
export async function admitKeyForCrypto(key: KeyRecord, o: { encryptionAlgorithm?: string; charged?: Set<string> } = {}): Promise<void> {
  if (key.customKeyStoreId && !o.charged?.has(key.customKeyStoreId)) {
    chargeCustomKeyStoreQuota(key.customKeyStoreId);
    o.charged?.add(key.customKeyStoreId);
  }
  requireEnabledForCrypto(key);
  if (key.customKeyStore && !(await isKeyStoreUsable(key.customKeyStore))) throw unavailableError(key.arn);
  if (o.encryptionAlgorithm !== undefined && o.encryptionAlgorithm !== SYMMETRIC_DEFAULT) {
    throw new KmsError("InvalidKeyUsageException", `Algorithm ${o.encryptionAlgorithm} is incompatible with key spec ${key.keySpec}.`);
  }
}

export function dryRunError(): KmsError {
  return new KmsError("DryRunOperationException", "The request would have succeeded, but the DryRun option is set.");
}

export function recipientUnsupported(): KmsError {
  return new KmsError("UnsupportedOperationException", "Recipient (AWS Nitro Enclaves attestation) is not supported by this service.");
}

/** The 64-hex key material ID (KeyMaterialId in responses, and in every ciphertext header). */
export function keyMaterialIdOf(key: KeyRecord): string {
  return key.keyMaterialId ?? crypto.createHash("sha256").update(key.keyMaterialLabel).digest("hex");
}
