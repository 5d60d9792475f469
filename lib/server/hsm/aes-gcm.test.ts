import crypto from "node:crypto";
import pkcs11js from "pkcs11js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptGcm, encryptGcm } from "./aes-gcm.ts";
import { generateAesKey } from "./keys.ts";
import { pkcs11 } from "./module.ts";
import { generateRandom } from "./random.ts";
import { login, poolSize, tokenState, withTokenSession } from "./session-pool.ts";
import { randomPin, removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { initToken } from "./tokens.ts";

const dir = useTempDataDir("aes-gcm");
const TOKEN = "gcm-token";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const aad = Buffer.from('{"purpose":"test"}');

beforeAll(async () => {
  const userPin = randomPin();
  initToken({ label: TOKEN, soPin: randomPin(), userPin });
  login(TOKEN, userPin);
  await generateAesKey(TOKEN, KEY);
});
afterAll(() => removeTempDataDir(dir));

describe("AES-256-GCM on a token key", () => {
  it("round-trips with AAD and returns a 12-byte IV and a 16-byte tag", async () => {
    const plaintext = Buffer.from("the quick brown fox");
    const sealed = await encryptGcm(TOKEN, KEY, plaintext, aad);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.tag).toHaveLength(16);
    expect(sealed.ciphertext).toHaveLength(plaintext.length);
    expect(sealed.ciphertext.equals(plaintext)).toBe(false);
    expect(await decryptGcm(TOKEN, KEY, sealed, aad)).toEqual(plaintext);
  });

  it("uses a fresh IV for every encryption", async () => {
    const a = await encryptGcm(TOKEN, KEY, Buffer.from("same"), aad);
    const b = await encryptGcm(TOKEN, KEY, Buffer.from("same"), aad);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it("rejects a wrong or missing AAD with InvalidCiphertextException", async () => {
    const sealed = await encryptGcm(TOKEN, KEY, Buffer.from("secret"), aad);
    await expect(decryptGcm(TOKEN, KEY, sealed, Buffer.from('{"purpose":"other"}'))).rejects.toMatchObject({
      code: "InvalidCiphertextException",
    });
    await expect(decryptGcm(TOKEN, KEY, sealed)).rejects.toMatchObject({ code: "InvalidCiphertextException" });
    // The session that saw the failure was closed, not reused with a pending operation.
    expect(await decryptGcm(TOKEN, KEY, sealed, aad)).toEqual(Buffer.from("secret"));
  });

  it("rejects a tampered tag, ciphertext or IV", async () => {
    const sealed = await encryptGcm(TOKEN, KEY, Buffer.from("secret message"), aad);
    const flip = (b: Buffer, i = 0) => {
      const c = Buffer.from(b);
      c[i] = c[i]! ^ 0x01;
      return c;
    };
    for (const bad of [
      { ...sealed, tag: flip(sealed.tag, 15) },
      { ...sealed, ciphertext: flip(sealed.ciphertext, 3) },
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, tag: sealed.tag.subarray(0, 12) },
      { ...sealed, iv: Buffer.alloc(16) },
    ]) {
      await expect(decryptGcm(TOKEN, KEY, bad, aad)).rejects.toMatchObject({ code: "InvalidCiphertextException" });
    }
  });

  it("a key label the token does not have is KMSInvalidStateException", async () => {
    await expect(encryptGcm(TOKEN, "arn:missing", Buffer.from("x"))).rejects.toMatchObject({
      code: "KMSInvalidStateException",
    });
  });

  it("is standard AES-256-GCM (interoperates with node:crypto for a known key)", async () => {
    const value = crypto.randomBytes(32);
    const label = "interop-session-key";
    await withTokenSession(TOKEN, (session, token) => {
      const handle = pkcs11().C_CreateObject(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_TOKEN, value: false },
        { type: pkcs11js.CKA_ENCRYPT, value: true },
        { type: pkcs11js.CKA_DECRYPT, value: true },
        { type: pkcs11js.CKA_VALUE, value },
      ]);
      token.keys.set(label, handle);
    });
    const plaintext = crypto.randomBytes(100);
    const sealed = await encryptGcm(TOKEN, label, plaintext, aad);
    const decipher = crypto.createDecipheriv("aes-256-gcm", value, sealed.iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    expect(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()])).toEqual(plaintext);

    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", value, iv);
    cipher.setAAD(aad);
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    expect(await decryptGcm(TOKEN, label, { iv, ciphertext, tag: cipher.getAuthTag() }, aad)).toEqual(plaintext);
    tokenState(TOKEN).keys.delete(label);
  });

  it("handles 4 KiB payloads", async () => {
    const plaintext = crypto.randomBytes(4096);
    const sealed = await encryptGcm(TOKEN, KEY, plaintext, aad);
    expect(await decryptGcm(TOKEN, KEY, sealed, aad)).toEqual(plaintext);
  });

  it("survives many parallel encrypts and decrypts without crashing or leaking sessions", async () => {
    const inputs = Array.from({ length: 2000 }, (_, i) => crypto.randomBytes(1 + (i % 64)));
    const sealed = await Promise.all(inputs.map((p) => encryptGcm(TOKEN, KEY, p, aad)));
    const opened = await Promise.all(sealed.map((s) => decryptGcm(TOKEN, KEY, s, aad)));
    opened.forEach((p, i) => expect(p.equals(inputs[i]!)).toBe(true));
    const mixed = await Promise.all(
      inputs.slice(0, 500).map(async (p) => {
        const s = await encryptGcm(TOKEN, KEY, p, aad);
        await generateRandom(TOKEN, 16);
        return (await decryptGcm(TOKEN, KEY, s, aad)).equals(p);
      }),
    );
    expect(mixed.every(Boolean)).toBe(true);
    const { open, idle } = poolSize(TOKEN);
    expect(open).toBe(idle);
    expect(open).toBeLessThanOrEqual(2);
  });

  it("draws random bytes from the token", async () => {
    const a = await generateRandom(TOKEN, 32);
    const b = await generateRandom(TOKEN, 32);
    expect(a).toHaveLength(32);
    expect(a.equals(b)).toBe(false);
  });
});
