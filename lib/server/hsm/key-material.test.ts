import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pkcs11js from "pkcs11js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptGcm, encryptGcm } from "./aes-gcm.ts";
import { ckrCode } from "./errors.ts";
import { keyHandle } from "./key-index.ts";
import { createTrustedWrappingKey, unwrapKey, wrapKey } from "./key-wrap.ts";
import { destroyKey, generateAesKey, hasKey, keyCheckValue, listKeyLabels } from "./keys.ts";
import { pkcs11 } from "./module.ts";
import { login, withTokenSession } from "./session-pool.ts";
import { CLUSTER_WRAP_KEY_LABEL } from "./templates.ts";
import { randomPin, removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { initToken, tokenDirectory } from "./tokens.ts";

const dir = useTempDataDir("key-material");
const A = "hsm-a";
const B = "hsm-b";
const OTHER = "hsm-other-cluster";
const clusterKey = crypto.randomBytes(32);
const aad = Buffer.from("context");

function makeToken(label: string, wrapValue: Buffer) {
  const userPin = randomPin();
  initToken({
    label,
    soPin: randomPin(),
    userPin,
    setup: (so) => createTrustedWrappingKey(so, wrapValue),
  });
  login(label, userPin);
}

/** The CKR code thrown by a raw PKCS#11 call on a token session. */
async function rawCkr(token: string, fn: (session: Buffer, handleOf: (l: string) => Buffer) => unknown) {
  try {
    await withTokenSession(token, (session, state) => fn(session, (l) => keyHandle(state, l)));
  } catch (e) {
    return ckrCode((e as { cause?: unknown }).cause ?? e);
  }
  return 0;
}

beforeAll(async () => {
  makeToken(A, clusterKey);
  makeToken(B, clusterKey);
  makeToken(OTHER, crypto.randomBytes(32));
  await generateAesKey(A, "synced", { syncable: true });
  await generateAesKey(A, "local-only");
});
afterAll(() => removeTempDataDir(dir));

describe("key material is never extractable in plaintext", () => {
  it("C_GetAttributeValue(CKA_VALUE) fails for every kind of key", async () => {
    for (const label of ["synced", "local-only", CLUSTER_WRAP_KEY_LABEL]) {
      expect(await rawCkr(A, (s, h) => pkcs11().C_GetAttributeValue(s, h(label), [{ type: pkcs11js.CKA_VALUE }]))).toBe(
        pkcs11js.CKR_ATTRIBUTE_SENSITIVE,
      );
    }
  });

  it("a non-syncable key cannot be wrapped, even under the trusted key", async () => {
    await expect(wrapKey(A, "local-only")).rejects.toMatchObject({ code: "UnsupportedOperationException" });
    expect(
      await rawCkr(A, (s, h) =>
        pkcs11().C_WrapKey(s, { mechanism: pkcs11js.CKM_AES_KEY_WRAP_PAD }, h(CLUSTER_WRAP_KEY_LABEL), h("local-only"), Buffer.alloc(64)),
      ),
    ).toBe(pkcs11js.CKR_KEY_UNEXTRACTABLE);
  });

  it("a syncable key cannot be wrapped under an untrusted key the user creates", async () => {
    const code = await rawCkr(A, (s, h) => {
      const p = pkcs11();
      const mine = p.C_GenerateKey(s, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
        { type: pkcs11js.CKA_TOKEN, value: false },
        { type: pkcs11js.CKA_WRAP, value: true },
        { type: pkcs11js.CKA_EXTRACTABLE, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: false },
      ]);
      return p.C_WrapKey(s, { mechanism: pkcs11js.CKM_AES_KEY_WRAP_PAD }, mine, h("synced"), Buffer.alloc(64));
    });
    expect(code).toBe(pkcs11js.CKR_KEY_NOT_WRAPPABLE);
  });

  it("the user cannot create a trusted key, nor weaken or copy a synced key", async () => {
    const createTrusted = await rawCkr(A, (s) =>
      pkcs11().C_CreateObject(s, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_TOKEN, value: false },
        { type: pkcs11js.CKA_PRIVATE, value: false },
        { type: pkcs11js.CKA_TRUSTED, value: true },
        { type: pkcs11js.CKA_WRAP, value: true },
        { type: pkcs11js.CKA_VALUE, value: Buffer.alloc(32) },
      ]),
    );
    expect(createTrusted).toBe(pkcs11js.CKR_ATTRIBUTE_READ_ONLY);
    for (const attr of [
      { type: pkcs11js.CKA_WRAP_WITH_TRUSTED, value: false },
      { type: pkcs11js.CKA_SENSITIVE, value: false },
    ]) {
      expect(await rawCkr(A, (s, h) => pkcs11().C_SetAttributeValue(s, h("synced"), [attr]))).toBe(pkcs11js.CKR_ATTRIBUTE_READ_ONLY);
    }
    const copy = await rawCkr(A, (s, h) => pkcs11().C_CopyObject(s, h("synced"), [{ type: pkcs11js.CKA_TOKEN, value: false }]));
    expect(copy).toBe(0x1b); // CKR_ACTION_PROHIBITED: CKA_COPYABLE is false
  });

  it("the trusted wrapping key cannot be destroyed (CKR_ACTION_PROHIBITED) nor used to encrypt", async () => {
    expect(await rawCkr(A, (s, h) => pkcs11().C_DestroyObject(s, h(CLUSTER_WRAP_KEY_LABEL)))).toBe(0x1b);
    expect(await rawCkr(A, (s, h) => pkcs11().C_EncryptInit(s, { mechanism: pkcs11js.CKM_AES_ECB }, h(CLUSTER_WRAP_KEY_LABEL)))).toBe(
      pkcs11js.CKR_KEY_FUNCTION_NOT_PERMITTED,
    );
    await expect(destroyKey(A, CLUSTER_WRAP_KEY_LABEL)).rejects.toMatchObject({ code: "KMSInternalException" });
  });

  it("on disk: private objects are encrypted, the (non-private) trusted key is in clear", async () => {
    // The threat model of KEY-MATERIAL.md, checked: a private token object with a known value never
    // appears in the token files, while the trusted wrapping key's value does.
    const known = crypto.randomBytes(32);
    await withTokenSession(A, (session) =>
      pkcs11().C_CreateObject(session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_PRIVATE, value: true },
        { type: pkcs11js.CKA_LABEL, value: "known-private" },
        { type: pkcs11js.CKA_VALUE, value: known },
      ]),
    );
    const folder = tokenDirectory(A)!;
    const blobs = fs.readdirSync(folder).map((f) => fs.readFileSync(path.join(folder, f)));
    expect(blobs.some((b) => b.includes(known))).toBe(false);
    expect(blobs.some((b) => b.includes(clusterKey))).toBe(true);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
  });
});

describe("replication under the trusted cluster key", () => {
  it("wraps on one HSM and unwraps on another; ciphertext from A decrypts on B", async () => {
    const blob = await wrapKey(A, "synced");
    expect(blob).toHaveLength(40);
    await unwrapKey(B, "synced", blob);
    expect(hasKey(B, "synced")).toBe(true);
    expect(await keyCheckValue(B, "synced")).toEqual(await keyCheckValue(A, "synced"));
    const sealed = await encryptGcm(A, "synced", Buffer.from("replicated"), aad);
    expect(await decryptGcm(B, "synced", sealed, aad)).toEqual(Buffer.from("replicated"));
    // The replica is itself syncable (so a later HSM can copy from B) and still not readable.
    const again = await wrapKey(B, "synced");
    expect(again).toHaveLength(40);
    expect(await rawCkr(B, (s, h) => pkcs11().C_GetAttributeValue(s, h("synced"), [{ type: pkcs11js.CKA_VALUE }]))).toBe(
      pkcs11js.CKR_ATTRIBUTE_SENSITIVE,
    );
  });

  it("a tampered blob or another cluster's key is IncorrectKeyMaterialException", async () => {
    const blob = await wrapKey(A, "synced");
    const tampered = Buffer.from(blob);
    tampered[5] = tampered[5]! ^ 0xff;
    await expect(unwrapKey(B, "tampered", tampered)).rejects.toMatchObject({ code: "IncorrectKeyMaterialException" });
    await expect(unwrapKey(OTHER, "synced", blob)).rejects.toMatchObject({ code: "IncorrectKeyMaterialException" });
    expect(listKeyLabels(OTHER)).toEqual([]);
  });

  it("destroying a key updates the index", async () => {
    await generateAesKey(A, "short-lived");
    expect(await destroyKey(A, "short-lived")).toBe(true);
    expect(hasKey(A, "short-lived")).toBe(false);
    expect(await destroyKey(A, "short-lived")).toBe(false);
    expect(listKeyLabels(A)).toEqual(["local-only", "synced"]);
  });
});
