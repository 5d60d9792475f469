import { describe, expect, it } from "vitest";
import {
  OWASP_PARAMS,
  currentParams,
  hashPassword,
  needsRehash,
  parsePasswordHash,
  verifyAgainstDummy,
  verifyPassword,
} from "./password-hash.ts";

describe("password hashing (scrypt)", () => {
  it("writes a self-describing hash with its parameters and a random salt", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain("correct horse");
    const parsed = parsePasswordHash(hash);
    // The unit tests run at N = 2^15 (vitest.config.ts); the product's default is OWASP's.
    expect(parsed?.params).toEqual(currentParams());
    expect(parsed?.salt).toHaveLength(16);
    expect(parsed?.key).toHaveLength(32);
  });

  it("hashes at OWASP's current parameters by default: N = 2^17, r = 8, p = 1", async () => {
    expect(OWASP_PARAMS).toEqual({ ln: 17, r: 8, p: 1 });
    const hash = await hashPassword("owasp parameters", OWASP_PARAMS);
    expect(hash.startsWith("$scrypt$ln=17,r=8,p=1$")).toBe(true);
    expect(await verifyPassword("owasp parameters", hash)).toBe(true);
  });

  it("salts every hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
  });

  it("accepts the right password and rejects others", async () => {
    const hash = await hashPassword("s3cret-Passw0rd");
    expect(await verifyPassword("s3cret-Passw0rd", hash)).toBe(true);
    expect(await verifyPassword("s3cret-passw0rd", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
    expect(await verifyPassword("s3cret-Passw0rd ", hash)).toBe(false);
  });

  it("normalises Unicode so the same text typed differently still matches", async () => {
    const composed = "caf\u00e9-password";
    const decomposed = "cafe\u0301-password";
    const hash = await hashPassword(composed);
    expect(await verifyPassword(decomposed, hash)).toBe(true);
  });

  it("verifies with the parameters stored in the hash, and asks for a rehash when they are weaker", async () => {
    const weak = await hashPassword("old-password-1", { ln: 14, r: 8, p: 1 });
    expect(weak.startsWith("$scrypt$ln=14,r=8,p=1$")).toBe(true);
    expect(await verifyPassword("old-password-1", weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(weak.replace("r=8", "r=4"))).toBe(true);
    expect(needsRehash(await hashPassword("new-password-1"))).toBe(false);
  });

  it("rejects tampered, truncated and foreign hashes instead of throwing", async () => {
    const hash = await hashPassword("tamper-test-pw");
    const parts = hash.split("$");
    const key = parts[4]!; // ["", "scrypt", params, salt, key]
    const flipped = key.startsWith("A") ? `B${key.slice(1)}` : `A${key.slice(1)}`;
    expect(await verifyPassword("tamper-test-pw", [...parts.slice(0, 4), flipped].join("$"))).toBe(false);
    expect(await verifyPassword("tamper-test-pw", hash.slice(0, -10))).toBe(false);
    expect(await verifyPassword("tamper-test-pw", "$2b$10$abcdefghijklmnopqrstuv")).toBe(false);
    expect(
      await verifyPassword("tamper-test-pw", "$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
    ).toBe(false);
    expect(needsRehash("not a hash")).toBe(true);
  });

  it("spends a real verification on unknown users and always fails", async () => {
    expect(await verifyAgainstDummy("anything")).toBe(false);
  });
});
