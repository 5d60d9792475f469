import "server-only";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { KeyRecord } from "@/lib/server/kms-service/keys/key-record.ts";
import { findKeyByIdCached } from "@/lib/server/kms-service/keys/resolve-key.ts";
import { invalidCiphertext, parseBlob, type ParsedBlob } from "./ciphertext-blob.ts";
import { cryptoStep } from "./crypto-errors.ts";
import { canonicalEncryptionContext, type EncryptionContext } from "./encryption-context.ts";
import { admitKeyForCrypto, keyMaterialIdOf, resolveKeyForCrypto, type CryptoKeyAccess } from "./key-for-crypto.ts";
import { openUnderKey } from "./key-material-crypto.ts";
import { isExternalKey, openUnderExternalKey, type ExternalCall } from "./external-layer.ts";
import { GCM_IV_BYTES, GCM_TAG_BYTES } from "@/lib/server/hsm/aes-gcm.ts";

// Decrypt's and ReEncrypt's first half: the blob names its key, so no KeyId is needed; a KeyId given
// must name that same key (IncorrectKeyException otherwise). Either way the key used is the key
// authorised (kms:Decrypt or kms:ReEncryptFrom, with the request's encryption context).

export type BlobKeyOptions = CryptoKeyAccess & {
  blob: Buffer;
  /** The caller's KeyId / SourceKeyId, if any. */
  keyId?: string;
  encryptionAlgorithm?: string;
  charged?: Set<string>;
};

export function incorrectKey(): KmsError {
  return new KmsError("IncorrectKeyException", "The key ID in the request does not identify a CMK that can perform this operation.");
}

/** Parses the blob and finds, checks and admits its key (no HSM call). */
export async function keyOfBlob(o: BlobKeyOptions): Promise<{ key: KeyRecord; parsed: ParsedBlob }> {
  const named = o.keyId === undefined ? undefined : await resolveKeyForCrypto({ ...o, keyId: o.keyId });
  const parsed = parseBlob(o.blob);
  if (named && named.id !== parsed.keyId) throw incorrectKey();
  const key =
    named ?? (await findKeyByIdCached(parsed.keyId, o.scope, { action: o.action, facts: { encryptionContext: o.encryptionContext } }));
  await admitKeyForCrypto(key, { encryptionAlgorithm: o.encryptionAlgorithm, charged: o.charged });
  if (parsed.keyMaterialId !== keyMaterialIdOf(key)) throw invalidCiphertext();
  return { key, parsed };
}

/**
 * Decrypts a parsed blob on the key's HSM; a wrong context or any tampering is InvalidCiphertextException.
 * A key in an external key store: the proxy opens its layer first (its failures: KMSInvalidStateException),
 * then the HSM the KMS layer inside.
 */
export async function openParsedBlob(
  key: KeyRecord,
  parsed: ParsedBlob,
  encryptionContext: EncryptionContext | undefined,
  call: ExternalCall,
): Promise<Buffer> {
  if (isExternalKey(key) !== (parsed.external !== undefined)) throw invalidCiphertext();
  const aad = Buffer.concat([parsed.header, canonicalEncryptionContext(encryptionContext)]);
  let layer = { iv: parsed.iv, ciphertext: parsed.ciphertext, tag: parsed.tag };
  if (parsed.external) {
    const inner = await openUnderExternalKey(key, parsed.external, parsed.header, call);
    if (inner.length < GCM_IV_BYTES + 1 + GCM_TAG_BYTES) throw invalidCiphertext();
    layer = {
      iv: inner.subarray(0, GCM_IV_BYTES),
      ciphertext: inner.subarray(GCM_IV_BYTES, inner.length - GCM_TAG_BYTES),
      tag: inner.subarray(inner.length - GCM_TAG_BYTES),
    };
  }
  return cryptoStep(() => openUnderKey(key, layer, aad));
}
