import "server-only";
import pkcs11js from "pkcs11js";
import type { GcmParams, Handle, Mechanism } from "pkcs11js";
import { hsmError, toAppError } from "./errors.ts";
import { keyHandle } from "./key-index.ts";
import { pkcs11 } from "./module.ts";
import { withTokenSession } from "./session-pool.ts";

// AES-256-GCM with a 12-byte IV from the HSM's RNG and a 128-bit tag. Both calls are synchronous
// (C_EncryptInit has no async form, and a synchronous call is ~4x faster than C_EncryptAsync on one
// session), so an operation holds its session for a few microseconds and never across an await.

export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

export type GcmSealed = { iv: Buffer; ciphertext: Buffer; tag: Buffer };

function gcm(iv: Buffer, aad: Buffer | undefined): Mechanism {
  const parameter: GcmParams = {
    type: pkcs11js.CK_PARAMS_AES_GCM_v240,
    iv,
    ivBits: iv.length * 8,
    aad: aad ?? Buffer.alloc(0),
    tagBits: GCM_TAG_BYTES * 8,
  };
  return { mechanism: pkcs11js.CKM_AES_GCM, parameter };
}

function invalidCiphertext(cause?: unknown) {
  // KMS returns InvalidCiphertextException with an empty message; the safe message stays generic.
  return hsmError("InvalidCiphertextException", "The ciphertext is not valid.", {
    internalMessage: cause === undefined ? "malformed GCM input" : `GCM decrypt failed: ${toAppError(cause).message}`,
    cause,
  });
}

export async function encryptGcm(token: string, keyLabel: string, plaintext: Buffer, aad?: Buffer): Promise<GcmSealed> {
  return withTokenSession(token, (session: Handle, state) => {
    const p = pkcs11();
    const key = keyHandle(state, keyLabel);
    const iv = p.C_GenerateRandom(session, Buffer.alloc(GCM_IV_BYTES));
    p.C_EncryptInit(session, gcm(iv, aad), key);
    const out = p.C_Encrypt(session, plaintext, Buffer.alloc(plaintext.length + GCM_TAG_BYTES));
    const split = out.length - GCM_TAG_BYTES;
    return { iv, ciphertext: out.subarray(0, split), tag: out.subarray(split) };
  });
}

/** Decrypts and verifies; a wrong key, AAD, IV or tag is InvalidCiphertextException. */
export async function decryptGcm(token: string, keyLabel: string, sealed: GcmSealed, aad?: Buffer): Promise<Buffer> {
  if (sealed.iv.length !== GCM_IV_BYTES || sealed.tag.length !== GCM_TAG_BYTES) throw invalidCiphertext();
  return withTokenSession(token, (session: Handle, state) => {
    const p = pkcs11();
    const input = Buffer.concat([sealed.ciphertext, sealed.tag]);
    p.C_DecryptInit(session, gcm(sealed.iv, aad), keyHandle(state, keyLabel));
    try {
      // SoftHSM reports a failed tag check as CKR_GENERAL_ERROR from C_Decrypt: here the cause is known.
      return p.C_Decrypt(session, input, Buffer.alloc(input.length));
    } catch (e) {
      throw invalidCiphertext(e);
    }
  });
}
