import "server-only";

// The encryption context's canonical bytes, bound into every ciphertext as AES-GCM AAD. Pairs are
// sorted by the UTF-8 bytes of their keys and each string is length-prefixed, so the encoding is
// unambiguous ({"a":"bc"} and {"ab":"c"} differ) and independent of the JSON member order:
//
//   u32be pairCount, then per pair: u32be keyLength, key (UTF-8), u32be valueLength, value (UTF-8)
//
// No context and an empty context encode alike (u32be 0), as in KMS. Decrypt must present the same
// pairs, case-sensitive, or the tag check fails (InvalidCiphertextException).

export type EncryptionContext = Record<string, string>;

export function canonicalEncryptionContext(context: EncryptionContext | undefined): Buffer {
  const pairs = Object.entries(context ?? {}).map(([k, v]) => [Buffer.from(k, "utf8"), Buffer.from(v, "utf8")] as const);
  pairs.sort((a, b) => Buffer.compare(a[0], b[0]));
  const parts: Buffer[] = [u32(pairs.length)];
  for (const [k, v] of pairs) parts.push(u32(k.length), k, u32(v.length), v);
  return Buffer.concat(parts);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
