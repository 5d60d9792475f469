import "server-only";
import { GCM_IV_BYTES, GCM_TAG_BYTES } from "@/lib/server/hsm/aes-gcm.ts";
import type { KeyRecord } from "@/lib/server/kms-service/keys/key-record.ts";
import { encodeBlob, encodeBlobHeader, encodeExternalBlob, encodeExternalBlobHeader } from "./ciphertext-blob.ts";
import { cryptoStep } from "./crypto-errors.ts";
import { canonicalEncryptionContext, type EncryptionContext } from "./encryption-context.ts";
import { isExternalKey, sealUnderExternalKey, type ExternalCall } from "./external-layer.ts";
import { keyMaterialIdOf } from "./key-for-crypto.ts";
import { sealUnderKey } from "./key-material-crypto.ts";

export type SealPlaintextOptions = {
  key: KeyRecord;
  plaintext: Buffer;
  encryptionContext?: EncryptionContext;
  /** Who asks and in which operation: the request metadata an external key store's proxy receives. */
  call: ExternalCall;
};

/**
 * plaintext → a ciphertext blob under the key (AAD = header ‖ canonical context): version 1 under the
 * key's material in the HSM; for a key in an external key store, version 2, double-encrypted: first
 * under the key's own material in the HSM, then by the proxy under the external key (AAD: the header).
 */
export async function sealPlaintext(o: SealPlaintextOptions): Promise<Buffer> {
  const external = isExternalKey(o.key);
  const ids = { keyId: o.key.id, keyMaterialId: keyMaterialIdOf(o.key) };
  const header = external ? encodeExternalBlobHeader(ids) : encodeBlobHeader(ids);
  const aad = Buffer.concat([header, canonicalEncryptionContext(o.encryptionContext)]);
  const sealed = await cryptoStep(() => sealUnderKey(o.key, o.plaintext, aad));
  if (!external) return encodeBlob(header, sealed);
  const inner = Buffer.concat([sealed.iv, sealed.ciphertext, sealed.tag]);
  if (inner.length !== GCM_IV_BYTES + o.plaintext.length + GCM_TAG_BYTES) throw new Error("unexpected KMS layer length");
  // The proxy's AAD is the header alone: the encryption context is bound by the KMS layer, so a wrong
  // context is InvalidCiphertextException from the HSM, as in KMS, not a failure of the proxy.
  return encodeExternalBlob(header, await sealUnderExternalKey(o.key, inner, header, o.call));
}
