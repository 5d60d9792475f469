import "server-only";
import pkcs11js from "pkcs11js";
import type { Handle, Mechanism } from "pkcs11js";
import { hsmError, isCkr, toAppError } from "./errors.ts";
import { keyHandle } from "./key-index.ts";
import { pkcs11 } from "./module.ts";
import { withTokenSession } from "./session-pool.ts";
import { CLUSTER_WRAP_KEY_LABEL, replicaKeyTemplate, trustedWrappingKeyTemplate } from "./templates.ts";

// Cluster sync: a key generated as "syncable" (extractable only under a trusted key) is wrapped with
// CKM_AES_KEY_WRAP_PAD (RFC 5649) under the cluster's trusted wrapping key on one HSM and unwrapped
// under the same key on another. SoftHSM refuses to wrap it under any untrusted key
// (CKR_KEY_NOT_WRAPPABLE) and refuses to wrap non-extractable keys at all (CKR_KEY_UNEXTRACTABLE).

const KEY_WRAP_PAD: Mechanism = { mechanism: pkcs11js.CKM_AES_KEY_WRAP_PAD };
const CKR_GENERAL_ERROR = 0x05;
const CKR_WRAPPED_KEY_INVALID = 0x110;
const CKR_WRAPPED_KEY_LEN_RANGE = 0x112;
const CKR_ENCRYPTED_DATA_INVALID = 0x40;

/** Creates the trusted wrapping key; needs a session logged in as SO (CKA_TRUSTED is SO-only). */
export function createTrustedWrappingKey(soSession: Handle, value: Buffer, label = CLUSTER_WRAP_KEY_LABEL): void {
  if (value.length !== 32) throw hsmError("KMSInternalException", "The cluster wrapping key must be 32 bytes.");
  try {
    pkcs11().C_CreateObject(soSession, trustedWrappingKeyTemplate(value, label));
  } catch (e) {
    throw toAppError(e, "creating the trusted wrapping key");
  }
}

/** RFC 5649 blob of the key (40 bytes for AES-256) under the token's trusted wrapping key. */
export async function wrapKey(token: string, keyLabel: string, wrappingKeyLabel = CLUSTER_WRAP_KEY_LABEL): Promise<Buffer> {
  return withTokenSession(token, (session, state) => {
    const wrapping = keyHandle(state, wrappingKeyLabel);
    const key = keyHandle(state, keyLabel);
    return Buffer.from(pkcs11().C_WrapKey(session, KEY_WRAP_PAD, wrapping, key, Buffer.alloc(64)));
  });
}

/**
 * Unwraps a blob from wrapKey into a token key labelled keyLabel (replica template: syncable again).
 * C_UnwrapKey writes a token object (~5–9 ms on SoftHSM): it runs on libuv's pool, as C_GenerateKey
 * does, so the event loop keeps serving meanwhile.
 */
export async function unwrapKey(token: string, keyLabel: string, blob: Buffer, wrappingKeyLabel = CLUSTER_WRAP_KEY_LABEL): Promise<void> {
  await withTokenSession(token, async (session, state) => {
    if (state.keys.has(keyLabel)) {
      throw hsmError("KMSInternalException", "Key material with this label already exists in the HSM.", {
        internalMessage: `key "${keyLabel}" already on token "${token}"`,
      });
    }
    const wrapping = keyHandle(state, wrappingKeyLabel);
    try {
      const handle = await pkcs11().C_UnwrapKeyAsync(session, KEY_WRAP_PAD, wrapping, blob, replicaKeyTemplate(keyLabel));
      state.keys.set(keyLabel, handle);
    } catch (e) {
      if (isCkr(e, CKR_GENERAL_ERROR, CKR_WRAPPED_KEY_INVALID, CKR_WRAPPED_KEY_LEN_RANGE, CKR_ENCRYPTED_DATA_INVALID)) {
        throw hsmError("IncorrectKeyMaterialException", "The wrapped key material is not valid.", {
          internalMessage: `unwrap of "${keyLabel}" on "${token}" failed: ${toAppError(e).message}`,
          cause: e,
        });
      }
      throw e;
    }
  });
}
