import pkcs11js from "pkcs11js";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/platform/errors.ts";
import { CKR_TABLE, ckrCode, ckrMapping, toAppError } from "./errors.ts";

const CONNECTION_CODES = new Set([
  "INVALID_CREDENTIALS",
  "CLUSTER_NOT_FOUND",
  "NETWORK_ERRORS",
  "INTERNAL_ERROR",
  "INSUFFICIENT_CLOUDHSM_HSMS",
  "USER_LOCKED_OUT",
  "USER_NOT_FOUND",
  "USER_LOGGED_IN",
  "SUBNET_NOT_FOUND",
  "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
]);

function pkcs11Error(name: string, code: number): Error {
  return new (pkcs11js as unknown as { Pkcs11Error: new (m: string) => Error }).Pkcs11Error(`${name}:${code}`);
}

describe("CKR table", () => {
  it("has an entry, with the same name, for every CKR_* constant pkcs11js knows", () => {
    const constants = Object.entries(pkcs11js).filter(([k]) => k.startsWith("CKR_")) as [string, number][];
    expect(constants.length).toBeGreaterThan(90);
    for (const [name, code] of constants) {
      expect(CKR_TABLE.get(code)?.name, name).toBe(name);
    }
    // Plus the PKCS#11 v3.x codes pkcs11js does not name (it reports them as CKR_VENDOR_DEFINED).
    for (const code of [0x1b, 0x42, 0x140, 0x201, 0x202, 0x203]) expect(CKR_TABLE.has(code)).toBe(true);
  });

  it("only uses real ConnectionErrorCode values and gives every entry a safe message", () => {
    for (const m of CKR_TABLE.values()) {
      if (m.connectionErrorCode) expect(CONNECTION_CODES.has(m.connectionErrorCode)).toBe(true);
      expect(m.safeMessage).toMatch(/\.$/);
    }
  });

  it("maps the login failures to the custom key store connection codes", () => {
    expect(ckrMapping(pkcs11js.CKR_PIN_INCORRECT).connectionErrorCode).toBe("INVALID_CREDENTIALS");
    expect(ckrMapping(pkcs11js.CKR_PIN_LOCKED).connectionErrorCode).toBe("USER_LOCKED_OUT");
    expect(ckrMapping(pkcs11js.CKR_USER_PIN_NOT_INITIALIZED).connectionErrorCode).toBe("USER_NOT_FOUND");
    expect(ckrMapping(pkcs11js.CKR_USER_ANOTHER_ALREADY_LOGGED_IN).connectionErrorCode).toBe("USER_LOGGED_IN");
    expect(ckrMapping(pkcs11js.CKR_TOKEN_NOT_PRESENT).connectionErrorCode).toBe("INSUFFICIENT_CLOUDHSM_HSMS");
    expect(ckrMapping(pkcs11js.CKR_ENCRYPTED_DATA_INVALID).kmsError).toBe("InvalidCiphertextException");
    expect(ckrMapping(pkcs11js.CKR_OBJECT_HANDLE_INVALID).kmsError).toBe("KMSInvalidStateException");
  });
});

describe("toAppError", () => {
  it("turns a Pkcs11Error into an AppError with code, status, connection code and a safe message", () => {
    const e = toAppError(pkcs11Error("CKR_PIN_INCORRECT", 0xa0), "login");
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({
      code: "CustomKeyStoreInvalidStateException",
      status: 400,
      connectionErrorCode: "INVALID_CREDENTIALS",
      safeMessage: "The kmsuser password is not valid.",
    });
    expect(e.message).toContain("CKR_PIN_INCORRECT");
    expect(e.safeMessage).not.toContain("CKR");
  });

  it("handles vendor-defined and unnamed codes, plain errors and AppErrors", () => {
    expect(ckrCode(pkcs11Error("CKR_VENDOR_DEFINED", 0x1b))).toBe(0x1b);
    expect(toAppError(pkcs11Error("CKR_VENDOR_DEFINED", 0x1b)).code).toBe("UnsupportedOperationException");
    expect(toAppError(pkcs11Error("CKR_VENDOR_DEFINED", 0x80000123))).toMatchObject({
      code: "KMSInternalException",
      status: 500,
    });
    expect(ckrCode(new Error("CKR_ATTRIBUTE_READ_ONLY:16"))).toBe(0x10);
    const plain = toAppError(new TypeError("boom"));
    expect(plain).toMatchObject({ code: "KMSInternalException", status: 500 });
    expect(plain.safeMessage).not.toContain("boom");
    const app = new AppError({ code: "X", safeMessage: "y." });
    expect(toAppError(app)).toBe(app);
  });
});
