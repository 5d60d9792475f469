import "server-only";
import fs from "node:fs";
import path from "node:path";
import pkcs11js from "pkcs11js";
import type { PKCS11 } from "pkcs11js";
import { env, dataPath } from "@/lib/server/platform/env.ts";
import { stopCryptoThreads } from "./crypto-threads.ts";
import { ckrCode, toAppError } from "./errors.ts";
import { acquireProcessLock, releaseProcessLock } from "./process-lock.ts";
import { ensureSoftHsmConfig, isSoftHsmModule, pointAtSoftHsmConfig } from "./softhsm-config.ts";
import { hsmState, type LoadedModule, type ModuleOptions } from "./state.ts";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";

// The PKCS#11 module is loaded once per process, lazily: nothing here runs at import time (so never
// during `next build`). C_Initialize always gets CKF_OS_LOCKING_OK: without it SoftHSM's internal
// locking is off and concurrent calls crash the process.

const CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;

function lockPathFor(tokenDir: string | undefined): string {
  const root = env().dataDir;
  const insideData = tokenDir !== undefined && !path.relative(root, tokenDir).startsWith("..");
  // A token directory outside the data folder (SOFTHSM2_CONF set by the operator) is locked in place.
  return tokenDir && !insideData ? path.join(tokenDir, ".keyhold.lock") : dataPath("hsm.lock");
}

/**
 * For a second process with PKCS#11 tokens of its own (the XKS proxy): its module, its SoftHSM
 * configuration (so its own token directory) and its own lock file. Call before the module is loaded.
 */
export function configureModule(options: ModuleOptions): void {
  const state = hsmState();
  if (state.module) throw new Error("configureModule must run before the PKCS#11 module is loaded");
  state.options = options;
}

function load(): LoadedModule {
  const options = hsmState().options ?? {};
  const libPath = options.libPath ?? env().PKCS11_MODULE;
  const softHsm = isSoftHsmModule(libPath);
  const tokenDir = !softHsm
    ? undefined
    : (options.softHsmConf ? pointAtSoftHsmConfig(options.softHsmConf) : ensureSoftHsmConfig()).tokenDir;
  fs.mkdirSync(env().dataDir, { recursive: true, mode: 0o700 });
  const lockPath = options.lockPath ?? lockPathFor(tokenDir);
  acquireProcessLock(lockPath);
  const pkcs11 = new pkcs11js.PKCS11();
  try {
    pkcs11.load(libPath);
    try {
      pkcs11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    } catch (e) {
      if (ckrCode(e) !== CKR_CRYPTOKI_ALREADY_INITIALIZED) throw e;
    }
  } catch (e) {
    releaseProcessLock(lockPath);
    throw toAppError(e, `loading PKCS#11 module ${libPath}`);
  }
  // Sessions end and the token files are released (C_Finalize) after everything above has stopped.
  onShutdown("pkcs11", "release", closeModule);
  return { pkcs11, libPath, tokenDir, lockPath };
}

/** The loaded, initialised module (loads it on first use). */
export function loadedModule(): LoadedModule {
  const state = hsmState();
  state.module ??= load();
  return state.module;
}

export function pkcs11(): PKCS11 {
  return loadedModule().pkcs11;
}

export function isModuleLoaded(): boolean {
  return hsmState().module !== undefined;
}

/**
 * C_Finalize and release the token-directory lock. Only for tests, benchmarks and shutdown. The crypto
 * threads are stopped first (their unfinished jobs fail); no C_*Async call may be in flight
 * (C_Finalize during one crashes the process).
 */
export function closeModule(): void {
  const state = hsmState();
  const loaded = state.module;
  if (!loaded) return;
  // The crypto threads first: C_Finalize while one of them is inside a call would crash the process.
  stopCryptoThreads();
  state.tokens.clear();
  state.slots = undefined;
  state.removed.clear();
  state.module = undefined;
  try {
    loaded.pkcs11.C_Finalize();
  } finally {
    loaded.pkcs11.close();
    releaseProcessLock(loaded.lockPath);
  }
}
