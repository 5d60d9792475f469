import { describe, expect, it } from "vitest";
import { BLOB_OVERHEAD, HEADER_BYTES, encodeBlob, encodeBlobHeader, parseBlob } from "./ciphertext-blob.ts";
import { canonicalEncryptionContext } from "./encryption-context.ts";

const keyId = "1234abcd-12ab-44cd-96ef-1234567890ab";
const keyMaterialId = "ab".repeat(32);

describe("the ciphertext blob, version 1", () => {
  it("round-trips header, IV, ciphertext and tag", () => {
    const header = encodeBlobHeader({ keyId, keyMaterialId });
    expect(header).toHaveLength(HEADER_BYTES);
    const sealed = { iv: Buffer.alloc(12, 1), ciphertext: Buffer.from("ciphertext"), tag: Buffer.alloc(16, 2) };
    const blob = encodeBlob(header, sealed);
    expect(blob).toHaveLength(10 + BLOB_OVERHEAD);
    expect(parseBlob(blob)).toEqual({ header, keyId, keyMaterialId, ...sealed });
  });

  it("refuses anything else with InvalidCiphertextException", () => {
    const blob = encodeBlob(encodeBlobHeader({ keyId, keyMaterialId }), {
      iv: Buffer.alloc(12),
      ciphertext: Buffer.alloc(1),
      tag: Buffer.alloc(16),
    });
    const other = Buffer.from(blob);
    other[2] = 2;
    for (const bad of [blob.subarray(0, BLOB_OVERHEAD), other, Buffer.from("AQIDAHj...", "utf8"), Buffer.alloc(100)]) {
      expect(() => parseBlob(bad)).toThrow(expect.objectContaining({ code: "InvalidCiphertextException", message: "" }));
    }
  });
});

describe("the canonical encryption context", () => {
  it("does not depend on member order and treats none and {} alike", () => {
    expect(canonicalEncryptionContext({ b: "2", a: "1" })).toEqual(canonicalEncryptionContext({ a: "1", b: "2" }));
    expect(canonicalEncryptionContext(undefined)).toEqual(canonicalEncryptionContext({}));
    expect(canonicalEncryptionContext({})).toEqual(Buffer.from([0, 0, 0, 0]));
  });

  it("is unambiguous and case-sensitive", () => {
    const distinct: Record<string, string>[] = [
      { a: "bc" },
      { ab: "c" },
      { a: "b", c: "" },
      { A: "bc" },
      { a: "BC" },
      { "a\u0000": "bc" },
      { é: "x" },
    ];
    const encoded = distinct.map((c) => canonicalEncryptionContext(c).toString("hex"));
    expect(new Set(encoded).size).toBe(distinct.length);
  });

  it("sorts keys by their UTF-8 bytes", () => {
    const enc = canonicalEncryptionContext({ é: "1", z: "2" });
    // "z" (0x7a) sorts before "é" (0xc3 0xa9).
    expect(enc.subarray(8, 9).toString()).toBe("z");
  });
});
