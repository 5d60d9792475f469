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

export type ParsedBlob = BlobHeader & { header: Buffer; iv: Buffer; ciphertext: Buffer; tag: Buffer };

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
