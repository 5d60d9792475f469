import "server-only";
import type { Handle, PKCS11 } from "pkcs11js";
import type { CryptoThreadPool } from "./crypto-threads.ts";

// Process-wide PKCS#11 state. Next bundles server code into several layers, so a module-level
// singleton could exist twice in one process; everything lives on globalThis instead.

export type LoadedModule = {
  pkcs11: PKCS11;
  libPath: string;
  /** SoftHSM's token directory, when the module is SoftHSM (undefined for other modules). */
  tokenDir?: string;
  /** The process lock taken on the token directory (released on exit or closeModule). */
  lockPath: string;
};

/** A token this process is logged in to (as the normal user). */
export type TokenState = {
  label: string;
  slot: Handle;
  /** Logged-in session kept open for the process lifetime: object handles die with the last session. */
  main: Handle;
  /** Idle operation sessions; `open` counts idle + borrowed ones (not `main`). */
  idle: Handle[];
  open: number;
  waiters: Array<{ resolve: (session: Handle) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }>;
  /** Per crypto thread (crypto-threads.ts), the session it uses on this token, opened on first use. */
  threadSessions: Array<Handle | undefined>;
  /** CKA_LABEL → object handle, loaded once at login, then kept up to date on create/destroy. */
  keys: Map<string, Handle>;
};

export type SlotEntry = { slot: Handle; serial: string };

/** Set by configureModule before the first load; defaults come from the environment. */
export type ModuleOptions = {
  /** The PKCS#11 library (default PKCS11_MODULE). */
  libPath?: string;
  /** SoftHSM's configuration file, exported as SOFTHSM2_CONF before C_Initialize (it names the token directory). */
  softHsmConf?: string;
  /** The process lock file (default: <dataDir>/hsm.lock for the console's token directory). */
  lockPath?: string;
};

export type HsmState = {
  options?: ModuleOptions;
  module?: LoadedModule;
  /** Token label → slot id and serial, refreshed after C_InitToken (SoftHSM renumbers slots). */
  slots?: Map<string, SlotEntry>;
  /** Labels of tokens removed by this process: SoftHSM keeps listing them until re-initialised. */
  removed: Set<string>;
  tokens: Map<string, TokenState>;
  /** The AES-GCM worker threads, started on first use. */
  cryptoThreads?: CryptoThreadPool;
};

const holder = globalThis as unknown as { keyholdHsm?: HsmState };

export function hsmState(): HsmState {
  holder.keyholdHsm ??= { removed: new Set(), tokens: new Map() };
  return holder.keyholdHsm;
}
