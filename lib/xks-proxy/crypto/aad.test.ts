import { describe, expect, it } from "vitest";
import { fullAad, integrityValue } from "./aad.ts";

describe("AAD and CDIV (spec §4, Appendix C)", () => {
  it("computes the spec's CDIV test vector", () => {
    const value = integrityValue({
      aad: Buffer.from("project=nile,department=marketing"),
      metadata: Buffer.from("a2V5X3ZlcnNpb249MQ==", "base64"),
      iv: Buffer.from("HMrlRw85cAJUd5Ax", "base64"),
      ciphertext: Buffer.from("ghxkK1txeDNn3q8Y", "base64"),
      tag: Buffer.from("vBxN2ncH1oEkR8WVXpmyYQ==", "base64"),
    });
    expect(value).toBe("qHA/ImC9h5HsLRXqCyPmWgYx7tzyoTplzILbP0fPXsc=");
  });

  it("length-prefixes AAD (2 bytes) and metadata (1 byte), absent fields as empty", () => {
    expect(fullAad(Buffer.from("ab"), Buffer.from("xyz")).toString("hex")).toBe("0002" + "6162" + "03" + "78797a");
    expect(fullAad(undefined, undefined).toString("hex")).toBe("000000");
    expect(fullAad(Buffer.from("abk"), Buffer.from("h")).equals(fullAad(Buffer.from("ab"), Buffer.from("kh")))).toBe(false);
    expect(() => fullAad(Buffer.alloc(65536), undefined)).toThrow(RangeError);
  });
});
