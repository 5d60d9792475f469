import "server-only";
import pkcs11js from "pkcs11js";
import type { GcmParams, Mechanism } from "pkcs11js";
import { ckrCode, ckrMapping } from "@/lib/server/hsm/errors.ts";
import { pkcs11 } from "@/lib/server/hsm/module.ts";
import { tokenState, withTokenSession } from "@/lib/server/hsm/session-pool.ts";
import { isAppError } from "@/lib/server/platform/errors.ts";
import { XksError, isXksError } from "../errors.ts";

// AES-256-GCM on the proxy's token through the shared session pool. Synchronous PKCS#11 calls (a few
// microseconds each) inside one borrowed session: no await while a session is held. The IV comes from
// the token's RNG (SoftHSM cannot generate GCM IVs itself: the sample proxy's can_generate_iv=false).

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

const CKR_GENERAL_ERROR = 0x05;
const CKR_FUNCTION_FAILED = 0x06;
const CKR_AEAD_DECRYPT_FAILED = 0x35;
const CKR_ENCRYPTED_DATA_INVALID = 0x40;
const CKR_ENCRYPTED_DATA_LEN_RANGE = 0x41;
const CKR_KEY_HANDLE_INVALID = 0x60;
const CKR_KEY_TYPE_INCONSISTENT = 0x63;
const CKR_KEY_FUNCTION_NOT_PERMITTED = 0x68;
const CKR_OBJECT_HANDLE_INVALID = 0x82;

/** GCM tag-check failures as tokens report them (SoftHSM: CKR_GENERAL_ERROR; nShield: CKR_FUNCTION_FAILED). */
const TAG_FAILURES = [
  CKR_GENERAL_ERROR,
  CKR_FUNCTION_FAILED,
  CKR_AEAD_DECRYPT_FAILED,
  CKR_ENCRYPTED_DATA_INVALID,
  CKR_ENCRYPTED_DATA_LEN_RANGE,
];

export type Sealed = { iv: Buffer; ciphertext: Buffer; tag: Buffer };

function gcm(iv: Buffer, aad: Buffer): Mechanism {
  const parameter: GcmParams = { type: pkcs11js.CK_PARAMS_AES_GCM_v240, iv, ivBits: iv.length * 8, aad, tagBits: TAG_BYTES * 8 };
  return { mechanism: pkcs11js.CKM_AES_GCM, parameter };
}

function describe(e: unknown): string {
  const code = ckrCode(e);
  return code === undefined ? (e instanceof Error ? e.message : String(e)) : `${ckrMapping(code).name} (0x${code.toString(16)})`;
}

/** Errors of C_EncryptInit / C_DecryptInit: usage and key problems are the caller's, the rest ours. */
function initError(e: unknown, operation: "encrypt" | "decrypt"): XksError {
  const code = ckrCode(e);
  if (code === CKR_KEY_FUNCTION_NOT_PERMITTED || code === CKR_KEY_TYPE_INCONSISTENT) {
    return new XksError("InvalidKeyUsageException", `The key does not allow ${operation}.`, describe(e));
  }
  if (code === CKR_KEY_HANDLE_INVALID || code === CKR_OBJECT_HANDLE_INVALID) {
    return new XksError("KeyNotFoundException", "The external key was not found.", describe(e));
  }
  return new XksError("InternalException", "The HSM failed.", `${operation} init: ${describe(e)}`);
}

function handleOf(token: string, keyId: string): pkcs11js.Handle {
  const handle = tokenState(token).keys.get(keyId);
  if (!handle) throw new XksError("KeyNotFoundException", "The external key was not found.");
  return handle;
}

/** The session pool wraps what fn throws; an XksError inside comes back out as itself. */
async function inSession<T>(token: string, fn: (session: pkcs11js.Handle) => T): Promise<T> {
  try {
    return await withTokenSession(token, (session) => fn(session));
  } catch (e) {
    if (isXksError(e)) throw e;
    if (isAppError(e) && isXksError(e.cause)) throw e.cause;
    throw new XksError("InternalException", "The HSM failed.", isAppError(e) ? e.message : describe(e));
  }
}

export type EncryptResult = Sealed & { integrity?: string };

/**
 * Encrypts under the key. With `integrity`, follows spec Appendix C's order: encrypt, compute the CDIV
 * over what will be returned, decrypt that to verify it, then answer (a key that may not decrypt fails
 * here with InvalidKeyUsageException, as in the sample proxy).
 */
export function encrypt(
  token: string,
  keyId: string,
  plaintext: Buffer,
  aad: Buffer,
  integrity?: (sealed: Sealed) => string,
): Promise<EncryptResult> {
  return inSession(token, (session) => {
    const p = pkcs11();
    const key = handleOf(token, keyId);
    const iv = p.C_GenerateRandom(session, Buffer.alloc(IV_BYTES));
    try {
      p.C_EncryptInit(session, gcm(iv, aad), key);
    } catch (e) {
      throw initError(e, "encrypt");
    }
    const out = p.C_Encrypt(session, plaintext, Buffer.alloc(plaintext.length + TAG_BYTES));
    if (out.length !== plaintext.length + TAG_BYTES) {
      throw new XksError("InternalException", "The HSM failed.", `GCM output ${out.length} bytes for ${plaintext.length}`);
    }
    const sealed = { iv, ciphertext: Buffer.from(out.subarray(0, plaintext.length)), tag: Buffer.from(out.subarray(plaintext.length)) };
    if (!integrity) return sealed;
    const value = integrity(sealed);
    try {
      p.C_DecryptInit(session, gcm(iv, aad), key);
    } catch (e) {
      throw initError(e, "decrypt");
    }
    let check: Buffer;
    try {
      check = p.C_Decrypt(session, out, Buffer.alloc(out.length));
    } catch (e) {
      throw new XksError("InternalException", "The ciphertext failed verification; retry.", `CDIV verify: ${describe(e)}`);
    }
    if (!check.equals(plaintext))
      throw new XksError("InternalException", "The ciphertext failed verification; retry.", "CDIV verify mismatch");
    return { ...sealed, integrity: value };
  });
}

/** Decrypts and verifies the tag; a wrong key, IV, AAD, metadata or tag is InvalidCiphertextException. */
export function decrypt(token: string, keyId: string, sealed: Sealed, aad: Buffer): Promise<Buffer> {
  return inSession(token, (session) => {
    const p = pkcs11();
    const key = handleOf(token, keyId);
    try {
      p.C_DecryptInit(session, gcm(sealed.iv, aad), key);
    } catch (e) {
      throw initError(e, "decrypt");
    }
    const input = Buffer.concat([sealed.ciphertext, sealed.tag]);
    try {
      return p.C_Decrypt(session, input, Buffer.alloc(input.length));
    } catch (e) {
      const code = ckrCode(e);
      if (code !== undefined && TAG_FAILURES.includes(code)) {
        throw new XksError("InvalidCiphertextException", "The ciphertext, IV, AAD or tag is not valid.", describe(e));
      }
      throw new XksError("InternalException", "The HSM failed.", `decrypt: ${describe(e)}`);
    }
  });
}
