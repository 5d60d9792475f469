import "server-only";
import pkcs11js from "pkcs11js";
import type { Handle, TokenInfo } from "pkcs11js";
import { hsmError, toAppError } from "./errors.ts";
import { pkcs11 } from "./module.ts";
import { hsmState, type SlotEntry } from "./state.ts";

// Slots and the tokens in them. Token labels are the stable names; slot ids are not (SoftHSM numbers
// slots from token serials at start and appends a fresh empty slot after every C_InitToken), so the
// label → slot map is refreshed after any change. Tokens whose directory vanished make C_GetTokenInfo
// fail with CKR_GENERAL_ERROR and are skipped.

export type TokenSummary = {
  label: string;
  serial: string;
  slot: Handle;
  manufacturer: string;
  model: string;
  initialized: boolean;
  userPinInitialized: boolean;
  flags: number;
};

/** PKCS#11 strings are blank padded (pkcs11js may also leave NULs). */
export function trimPadded(text: string): string {
  return text.replace(/[\s\0]+$/u, "");
}

function summary(slot: Handle, info: TokenInfo): TokenSummary {
  return {
    label: trimPadded(info.label),
    serial: trimPadded(info.serialNumber),
    slot,
    manufacturer: trimPadded(info.manufacturerID),
    model: trimPadded(info.model),
    initialized: (info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) !== 0,
    userPinInitialized: (info.flags & pkcs11js.CKF_USER_PIN_INITIALIZED) !== 0,
    flags: info.flags,
  };
}

function scan(): TokenSummary[] {
  const p = pkcs11();
  const out: TokenSummary[] = [];
  for (const slot of p.C_GetSlotList(true)) {
    try {
      out.push(summary(slot, p.C_GetTokenInfo(slot)));
    } catch {
      // A token whose storage disappeared (see spec/softhsm-facts.md): not usable, not listed.
    }
  }
  return out;
}

/** Rebuilds the label → slot map from the module's slot list. */
export function refreshSlots(): Map<string, SlotEntry> {
  const state = hsmState();
  const map = new Map<string, SlotEntry>();
  for (const t of scan()) {
    if (t.initialized && !state.removed.has(t.label) && !map.has(t.label)) {
      map.set(t.label, { slot: t.slot, serial: t.serial });
    }
  }
  state.slots = map;
  return map;
}

/** Initialised tokens, by label. */
export function listTokens(): TokenSummary[] {
  const removed = hsmState().removed;
  return scan().filter((t) => t.initialized && !removed.has(t.label));
}

export function findTokenSlot(label: string): SlotEntry | undefined {
  return hsmState().slots?.get(label) ?? refreshSlots().get(label);
}

/** The slot of a token, or the "HSM not available" error. */
export function requireTokenSlot(label: string): SlotEntry {
  const entry = findTokenSlot(label);
  if (!entry) {
    throw hsmError("KMSInvalidStateException", "The HSM is not available.", {
      connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
      internalMessage: `token "${label}" not found`,
    });
  }
  return entry;
}

/** The first slot holding an uninitialised token (SoftHSM always offers one). */
export function freeSlot(): Handle | undefined {
  return scan().find((t) => !t.initialized)?.slot;
}

/** Fresh token information (C_GetTokenInfo), mapped to an AppError if the token is gone. */
export function tokenInfo(label: string): TokenSummary {
  const { slot } = requireTokenSlot(label);
  try {
    return summary(slot, pkcs11().C_GetTokenInfo(slot));
  } catch (e) {
    throw toAppError(e, `token info for "${label}"`);
  }
}
