import "server-only";
import pkcs11js from "pkcs11js";
import type { Handle, PKCS11 } from "pkcs11js";
import { hsmError } from "./errors.ts";
import type { TokenState } from "./state.ts";

// Finding an object by CKA_LABEL is linear in the token's object count (19 ms with 1,000 keys), so
// each token's secret keys are indexed once at login with one C_FindObjects pass; key creation and
// destruction keep the index current, and request paths only read it.

const BATCH = 1000;

/** One pass over the token's secret keys: label → handle. */
export function loadKeyIndex(p: PKCS11, session: Handle): Map<string, Handle> {
  const handles: Handle[] = [];
  p.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY }]);
  try {
    for (;;) {
      const batch = p.C_FindObjects(session, BATCH);
      handles.push(...batch);
      if (batch.length < BATCH) break;
    }
  } finally {
    p.C_FindObjectsFinal(session);
  }
  const index = new Map<string, Handle>();
  for (const handle of handles) {
    const [attr] = p.C_GetAttributeValue(session, handle, [{ type: pkcs11js.CKA_LABEL }]);
    const label = attr?.value ? Buffer.from(attr.value as Buffer).toString("utf8") : "";
    if (label && !index.has(label)) index.set(label, handle);
  }
  return index;
}

/** The handle of a key by label, from the index; "key material not available" if absent. */
export function keyHandle(token: TokenState, label: string): Handle {
  const handle = token.keys.get(label);
  if (!handle) {
    throw hsmError("KMSInvalidStateException", "The key material is not available in the HSM.", {
      internalMessage: `no key labelled "${label}" on token "${token.label}"`,
    });
  }
  return handle;
}
