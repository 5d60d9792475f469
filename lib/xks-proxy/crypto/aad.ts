import crypto from "node:crypto";

// The AAD given to the HSM (spec §4, spec:L314): u16_be(len(AAD)) || AAD || u8(len(ciphertextMetadata)) ||
// ciphertextMetadata, over the decoded bytes, an absent field counting as empty. It binds the metadata
// to the ciphertext and stops bytes moving between the two fields. The AWS sample proxy hashes the AAD
// first; we follow the spec (only this proxy ever decrypts what it encrypted).

export const MAX_AAD_BYTES = 0xffff;
export const MAX_METADATA_BYTES = 20;

export function fullAad(aad: Buffer | undefined, metadata: Buffer | undefined): Buffer {
  const a = aad ?? Buffer.alloc(0);
  const m = metadata ?? Buffer.alloc(0);
  if (a.length > MAX_AAD_BYTES || m.length > MAX_METADATA_BYTES) throw new RangeError("AAD or ciphertextMetadata too long");
  const out = Buffer.allocUnsafe(2 + a.length + 1 + m.length);
  out.writeUInt16BE(a.length, 0);
  a.copy(out, 2);
  out.writeUInt8(m.length, 2 + a.length);
  m.copy(out, 3 + a.length);
  return out;
}

/**
 * ciphertextDataIntegrityValue (spec Appendix C): base64(SHA-256(AAD || ciphertextMetadata || IV ||
 * ciphertext || tag)) over the decoded bytes, an absent field counting as empty, no lengths.
 */
export function integrityValue(parts: { aad?: Buffer; metadata?: Buffer; iv: Buffer; ciphertext: Buffer; tag: Buffer }): string {
  const h = crypto.createHash("sha256");
  if (parts.aad) h.update(parts.aad);
  if (parts.metadata) h.update(parts.metadata);
  return h.update(parts.iv).update(parts.ciphertext).update(parts.tag).digest("base64");
}
