import "server-only";
import { GCM_IV_BYTES, GCM_TAG_BYTES } from "@/lib/server/hsm/aes-gcm.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// The local service's ciphertext blob, format version 1. Self-describing, so Decrypt needs no KeyId:
//
//   offset  bytes  field
//   0       2      magic "kh" (0x6b 0x68)
//   2       1      format version (0x01)
//   3       16     KMS key ID (the key's UUID, 16 raw bytes)
//   19      32     key material ID (KeyMetadata.CurrentKeyMaterialId, 32 raw bytes)
//   51      12     AES-GCM IV (from the HSM's RNG)
//   63      n      AES-256-GCM ciphertext (n = plaintext length, 1…4096)
//   63+n    16     AES-GCM tag (128 bits)
//
// The header (bytes 0–50) is authenticated: the GCM AAD is header ‖ canonical encryption context
// (encryption-context.ts), so changing the key ID, material ID, version or context fails the tag
// check inside the HSM. The material is the AES-256 token key labelled with the key ARN. Overhead is
// 79 bytes, so a 4096-byte plaintext makes a 4175-byte blob (CiphertextType allows 6144).

export const BLOB_MAGIC = Buffer.from("kh", "latin1");
export const BLOB_VERSION = 1;
export const HEADER_BYTES = 2 + 1 + 16 + 32;
export const BLOB_OVERHEAD = HEADER_BYTES + GCM_IV_BYTES + GCM_TAG_BYTES;

export type BlobHeader = { keyId: string; keyMaterialId: string };

export type ParsedBlob = BlobHeader & {
  header: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  /**
   * Format version 2 (a key in an external key store): the proxy's layer, opened first; it holds
   * iv ‖ ciphertext ‖ tag of the KMS layer (iv, ciphertext and tag above are then empty).
   */
  external?: ExternalLayer;
};

export type ExternalLayer = { iv: Buffer; tag: Buffer; ciphertextMetadata?: Buffer; ciphertext: Buffer };

// Format version 2, for keys in an external key store (double encryption): the version-1 layout's
// header with version 0x02, then the proxy's layer around the KMS layer:
//
//   0       51     header (as version 1, version byte 0x02)
//   51      1      proxy IV length v (12 or 16)
//   52      v      proxy IV
//   52+v    1      ciphertextMetadata length m (0…20)
//   53+v    m      ciphertextMetadata
//   53+v+m  16     proxy tag
//   69+v+m  n      proxy ciphertext of (KMS IV ‖ KMS ciphertext ‖ KMS tag), n = 12 + plaintext + 16
//
// The KMS layer's AAD is header ‖ canonical encryption context, as in version 1; the proxy's is the
// header, so the external key manager binds the key and material ids and the HSM binds the context
// too (a wrong context is InvalidCiphertextException, as KMS answers). At most 4096 + 149 bytes.
export const BLOB_VERSION_EXTERNAL = 2;

export function encodeExternalBlob(header: Buffer, layer: ExternalLayer): Buffer {
  const meta = layer.ciphertextMetadata ?? Buffer.alloc(0);
  return Buffer.concat([header, Buffer.from([layer.iv.length]), layer.iv, Buffer.from([meta.length]), meta, layer.tag, layer.ciphertext]);
}

function parseExternalBlob(blob: Buffer): ParsedBlob {
  const ivLength = blob[HEADER_BYTES] ?? 0;
  if (ivLength !== 12 && ivLength !== 16) throw invalidCiphertext();
  const metaAt = HEADER_BYTES + 1 + ivLength;
  const metaLength = blob[metaAt] ?? 255;
  if (metaLength > 20) throw invalidCiphertext();
  const tagAt = metaAt + 1 + metaLength;
  const bodyAt = tagAt + GCM_TAG_BYTES;
  if (blob.length < bodyAt + GCM_IV_BYTES + 1 + GCM_TAG_BYTES) throw invalidCiphertext();
  const empty = Buffer.alloc(0);
  return {
    header: blob.subarray(0, HEADER_BYTES),
    keyId: bytesToUuid(blob.subarray(3, 19)),
    keyMaterialId: blob.subarray(19, 51).toString("hex"),
    iv: empty,
    ciphertext: empty,
    tag: empty,
    external: {
      iv: blob.subarray(HEADER_BYTES + 1, metaAt),
      ciphertextMetadata: metaLength > 0 ? blob.subarray(metaAt + 1, tagAt) : undefined,
      tag: blob.subarray(tagAt, bodyAt),
      ciphertext: blob.subarray(bodyAt),
    },
  };
}

/** The version-2 header of a key in an external key store. */
export function encodeExternalBlobHeader(h: BlobHeader): Buffer {
  const header = encodeBlobHeader(h);
  header[2] = BLOB_VERSION_EXTERNAL;
  return header;
}

/** KMS answers a blob it cannot use with InvalidCiphertextException and an empty message. */
export function invalidCiphertext(): KmsError {
  return new KmsError("InvalidCiphertextException", "");
}

function uuidToBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ""), "hex");
}

function bytesToUuid(b: Buffer): string {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function encodeBlobHeader(h: BlobHeader): Buffer {
  const keyId = uuidToBytes(h.keyId);
  const materialId = Buffer.from(h.keyMaterialId, "hex");
  if (keyId.length !== 16 || materialId.length !== 32) throw new Error("invalid key or key material id for a ciphertext header");
  return Buffer.concat([BLOB_MAGIC, Buffer.from([BLOB_VERSION]), keyId, materialId]);
}

export function encodeBlob(header: Buffer, sealed: { iv: Buffer; ciphertext: Buffer; tag: Buffer }): Buffer {
  return Buffer.concat([header, sealed.iv, sealed.ciphertext, sealed.tag]);
}

/** Splits a blob; anything that is not a version-1 blob of this service is InvalidCiphertextException. */
export function parseBlob(blob: Buffer): ParsedBlob {
  if (blob.length > HEADER_BYTES && blob.subarray(0, 2).equals(BLOB_MAGIC) && blob[2] === BLOB_VERSION_EXTERNAL) {
    return parseExternalBlob(blob);
  }
  if (blob.length <= BLOB_OVERHEAD || !blob.subarray(0, 2).equals(BLOB_MAGIC) || blob[2] !== BLOB_VERSION) {
    throw invalidCiphertext();
  }
  const header = blob.subarray(0, HEADER_BYTES);
  const ivEnd = HEADER_BYTES + GCM_IV_BYTES;
  return {
    header,
    keyId: bytesToUuid(blob.subarray(3, 19)),
    keyMaterialId: blob.subarray(19, 51).toString("hex"),
    iv: blob.subarray(HEADER_BYTES, ivEnd),
    ciphertext: blob.subarray(ivEnd, blob.length - GCM_TAG_BYTES),
    tag: blob.subarray(blob.length - GCM_TAG_BYTES),
  };
}
