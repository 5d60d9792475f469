import "server-only";
import fs from "node:fs";
import path from "node:path";
import type { Handle } from "pkcs11js";
import { hsmError, toAppError } from "./errors.ts";
import { loadedModule, pkcs11 } from "./module.ts";
import { forgetToken, logout } from "./session-pool.ts";
import { findTokenSlot, freeSlot, refreshSlots, tokenInfo, type TokenSummary } from "./slots.ts";
import { withSoSession } from "./so-session.ts";
import { hsmState } from "./state.ts";

// Creating, re-keying and deleting tokens. PKCS#11 has no "delete token": with SoftHSM the token's
// directory under the tokendir is removed (its name is a UUID whose last 16 hex digits are the serial).

export type InitTokenOptions = {
  label: string;
  soPin: string;
  userPin: string;
  /** Runs in the SO session right after the user PIN is set (e.g. to create the trusted wrapping key). */
  setup?: (soSession: Handle) => void;
};

const LABEL = /^[\x21-\x7e](?:[\x20-\x7e]{0,30}[\x21-\x7e])?$/;

/** Initialises the free slot's token: SO PIN and label, then the user PIN from an SO session. */
export function initToken(options: InitTokenOptions): TokenSummary {
  const { label, soPin, userPin } = options;
  if (!LABEL.test(label)) throw hsmError("KMSInternalException", "Invalid token label.", { internalMessage: label });
  if (findTokenSlot(label)) {
    throw hsmError("KMSInternalException", "A token with this label already exists.", { internalMessage: label });
  }
  const slot = freeSlot();
  if (!slot) throw hsmError("KMSInternalException", "The PKCS#11 module has no free slot.");
  try {
    pkcs11().C_InitToken(slot, soPin, label.padEnd(32, " "));
  } catch (e) {
    throw toAppError(e, `initialising token "${label}"`);
  }
  hsmState().removed.delete(label);
  refreshSlots();
  try {
    withSoSession(label, soPin, (session) => {
      pkcs11().C_InitPIN(session, userPin);
      options.setup?.(session);
    });
  } catch (e) {
    deleteToken(label);
    throw e;
  }
  return tokenInfo(label);
}

/** Sets the user PIN as the SO would (C_InitPIN); logs this process's user session out first. */
export function setUserPin(label: string, soPin: string, newPin: string): void {
  logout(label);
  withSoSession(label, soPin, (session) => pkcs11().C_InitPIN(session, newPin));
}

/**
 * Where each token serial's directory was last found: a cluster key's creation asks for every HSM's
 * token, and listing the token folder each time cost more than the existence check that confirms it.
 */
const directoryOfSerial = new Map<string, string>();

/** SoftHSM's directory for the token, if the module is SoftHSM and the directory exists. */
export function tokenDirectory(label: string): string | undefined {
  const tokenDir = loadedModule().tokenDir;
  const serial = (hsmState().slots?.get(label) ?? findTokenSlot(label))?.serial.toLowerCase();
  if (!tokenDir || !serial) return undefined;
  const known = directoryOfSerial.get(path.join(tokenDir, serial));
  if (known && fs.existsSync(known)) return known;
  if (!fs.existsSync(tokenDir)) return undefined;
  const name = fs
    .readdirSync(tokenDir, { withFileTypes: true })
    .find((d) => d.isDirectory() && d.name.replace(/-/g, "").toLowerCase().endsWith(serial))?.name;
  if (!name) return undefined;
  const dir = path.join(tokenDir, name);
  directoryOfSerial.set(path.join(tokenDir, serial), dir);
  return dir;
}

/** Whether the token still exists (for SoftHSM: its directory and token file are on disk). */
export function tokenPresent(label: string): boolean {
  if (!loadedModule().tokenDir) {
    try {
      tokenInfo(label);
      return true;
    } catch {
      return false;
    }
  }
  const dir = tokenDirectory(label);
  return dir !== undefined && fs.existsSync(path.join(dir, "token.object"));
}

/** Closes the token's sessions and removes it. Returns false if there was nothing on disk to remove. */
export function deleteToken(label: string): boolean {
  if (!loadedModule().tokenDir) {
    throw hsmError("UnsupportedOperationException", "This PKCS#11 module does not support deleting tokens.");
  }
  const dir = tokenDirectory(label);
  forgetToken(label);
  const state = hsmState();
  state.removed.add(label);
  state.slots?.delete(label);
  if (!dir) return false;
  fs.rmSync(dir, { recursive: true, force: true });
  return true;
}
