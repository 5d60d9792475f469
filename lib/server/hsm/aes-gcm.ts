import "server-only";
import { leastBusyCryptoThread, runOnCryptoThread, type CryptoThreadError } from "./crypto-threads.ts";
import { hsmError, isCkr, toAppError } from "./errors.ts";
import { keyHandle } from "./key-index.ts";
import type { Handle } from "pkcs11js";
import { dropThreadSession, threadSession, tokenState } from "./session-pool.ts";
import type { TokenState } from "./state.ts";

// AES-256-GCM with a 12-byte IV from the HSM's RNG and a 128-bit tag, run on a crypto thread
// (crypto-threads.ts) with that thread's session of the token: C_GenerateRandom + C_EncryptInit +
// C_Encrypt (or C_DecryptInit + C_Decrypt) are synchronous calls there, off the main thread.

export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

export type GcmSealed = { iv: Buffer; ciphertext: Buffer; tag: Buffer };

const EMPTY = Buffer.alloc(0);
const CKR_OPERATION_ACTIVE = 0x90;
const CKR_SESSION_CLOSED = 0xb0;
const CKR_SESSION_HANDLE_INVALID = 0xb3;

/**
 * A failed C_*Init leaves no operation and a failed C_Encrypt / C_Decrypt ends it, so the thread's
 * session stays usable after most failures (and other jobs may be queued on it): it is closed and
 * reopened only when the failure is the session itself.
 */
function dropSessionIfBroken(e: unknown, token: TokenState, thread: number, session: Handle): void {
  if (isCkr(e, CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, CKR_OPERATION_ACTIVE)) dropThreadSession(token, thread, session);
}

function invalidCiphertext(cause?: unknown) {
  // KMS returns InvalidCiphertextException with an empty message; the safe message stays generic.
  return hsmError("InvalidCiphertextException", "The ciphertext is not valid.", {
    internalMessage: cause === undefined ? "malformed GCM input" : `GCM decrypt failed: ${toAppError(cause).message}`,
    cause,
  });
}

export async function encryptGcm(token: string, keyLabel: string, plaintext: Buffer, aad?: Buffer): Promise<GcmSealed> {
  const state = tokenState(token);
  const key = keyHandle(state, keyLabel);
  const thread = leastBusyCryptoThread();
  const session = threadSession(state, thread);
  let out: Buffer;
  try {
    out = await runOnCryptoThread(thread, { op: "encrypt", session, key, aad: aad ?? EMPTY, data: plaintext });
  } catch (e) {
    dropSessionIfBroken(e, state, thread, session);
    throw toAppError(e, `token "${token}"`);
  }
  const split = out.length - GCM_TAG_BYTES;
  return { iv: out.subarray(0, GCM_IV_BYTES), ciphertext: out.subarray(GCM_IV_BYTES, split), tag: out.subarray(split) };
}

/** Decrypts and verifies; a wrong key, AAD, IV or tag is InvalidCiphertextException. */
export async function decryptGcm(token: string, keyLabel: string, sealed: GcmSealed, aad?: Buffer): Promise<Buffer> {
  if (sealed.iv.length !== GCM_IV_BYTES || sealed.tag.length !== GCM_TAG_BYTES) throw invalidCiphertext();
  const state = tokenState(token);
  const key = keyHandle(state, keyLabel);
  const thread = leastBusyCryptoThread();
  const session = threadSession(state, thread);
  const data = Buffer.concat([sealed.ciphertext, sealed.tag]);
  try {
    return await runOnCryptoThread(thread, { op: "decrypt", session, key, iv: sealed.iv, aad: aad ?? EMPTY, data });
  } catch (e) {
    // SoftHSM reports a failed tag check as CKR_GENERAL_ERROR from C_Decrypt (stage 1): there the cause is known.
    if ((e as CryptoThreadError).stage === 1) throw invalidCiphertext(e);
    dropSessionIfBroken(e, state, thread, session);
    throw toAppError(e, `token "${token}"`);
  }
}
