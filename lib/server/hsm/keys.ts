import "server-only";
import pkcs11js from "pkcs11js";
import { hsmError } from "./errors.ts";
import { keyHandle } from "./key-index.ts";
import { pkcs11 } from "./module.ts";
import { tokenState, withTokenSession } from "./session-pool.ts";
import { dataKeyTemplate, RESERVED_LABELS, type DataKeyOptions } from "./templates.ts";

// AES-256 token keys named by label (the KMS key ARN). Lookups use the in-memory index only.

/** Generates the key on the token (C_GenerateKey off the event loop; ~8 ms on SoftHSM). */
export async function generateAesKey(token: string, label: string, options: DataKeyOptions = {}): Promise<void> {
  if (RESERVED_LABELS.has(label)) throw hsmError("KMSInternalException", "The key label is reserved.");
  if (tokenState(token).keys.has(label)) {
    throw hsmError("KMSInternalException", "Key material with this label already exists in the HSM.", {
      internalMessage: `key "${label}" already on token "${token}"`,
    });
  }
  await withTokenSession(token, async (session, state) => {
    const handle = await pkcs11().C_GenerateKeyAsync(session, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, dataKeyTemplate(label, options));
    state.keys.set(label, handle);
  });
}

export function hasKey(token: string, label: string): boolean {
  return tokenState(token).keys.has(label);
}

/** Labels of the KMS key material on the token (Keyhold's own objects excluded). */
export function listKeyLabels(token: string): string[] {
  return [...tokenState(token).keys.keys()].filter((l) => !RESERVED_LABELS.has(l)).sort();
}

/** Destroys the key; false if the token has no key with this label. */
export async function destroyKey(token: string, label: string): Promise<boolean> {
  if (RESERVED_LABELS.has(label)) throw hsmError("KMSInternalException", "The key label is reserved.");
  if (!tokenState(token).keys.has(label)) return false;
  return withTokenSession(token, (session, state) => {
    pkcs11().C_DestroyObject(session, keyHandle(state, label));
    state.keys.delete(label);
    return true;
  });
}

/**
 * Key check value: the first 3 bytes of AES-ECB(key, 0¹²⁸), as CKA_CHECK_VALUE defines it. Computed
 * here because SoftHSM leaves CKA_CHECK_VALUE empty on unwrapped keys; used to compare replicas.
 */
export async function keyCheckValue(token: string, label: string): Promise<Buffer> {
  return withTokenSession(token, (session, state) => {
    const p = pkcs11();
    p.C_EncryptInit(session, { mechanism: pkcs11js.CKM_AES_ECB }, keyHandle(state, label));
    return Buffer.from(p.C_Encrypt(session, Buffer.alloc(16), Buffer.alloc(16)).subarray(0, 3));
  });
}
