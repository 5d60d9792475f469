import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { generateAesKey } from "@/lib/server/hsm/keys.ts";
import { closeModule, configureModule, isModuleLoaded, loadedModule } from "@/lib/server/hsm/module.ts";
import { isLoggedIn, login, tokenState } from "@/lib/server/hsm/session-pool.ts";
import { findTokenSlot } from "@/lib/server/hsm/slots.ts";
import { isSoftHsmModule, writeSoftHsmConfig } from "@/lib/server/hsm/softhsm-config.ts";
import { initToken } from "@/lib/server/hsm/tokens.ts";
import { env } from "@/lib/server/platform/env.ts";
import { openSealedText, seal } from "@/lib/server/platform/secrets/secret-box.ts";
import type { Settings } from "../config/settings.ts";

// The proxy's own PKCS#11 token: its own SoftHSM configuration and token directory under the proxy's
// folder, its own process lock, so it runs beside the console (which owns data/tokens). One process per
// token directory: the running proxy, or the CLI while the proxy is stopped.

/** The key the deep health check encrypts and decrypts with: never one behind a KMS key (spec §1.5). */
export const HEALTH_KEY_ID = "keyhold-xks-health-check";

export function pinContext(label: string, who: "user" | "so"): string {
  return `xks-proxy-token-${who}-pin:${label}`;
}

/** Loads the module with the proxy's own configuration and lock (once per process). */
export function loadProxyModule(settings: Settings): void {
  if (isModuleLoaded()) return;
  const softHsm = isSoftHsmModule(settings.pkcs11.module);
  if (softHsm && !fs.existsSync(settings.paths.softHsmConf)) {
    writeSoftHsmConfig(settings.paths.softHsmConf, path.join(path.dirname(settings.paths.softHsmConf), "tokens"));
  }
  configureModule({
    libPath: settings.pkcs11.module,
    softHsmConf: softHsm ? settings.paths.softHsmConf : undefined,
    lockPath: path.join(settings.dir, "hsm.lock"),
  });
  loadedModule();
}

/** The user PIN: XKS_PROXY_USER_PIN (for a real HSM's PIN from a secret store), else user_pin_sealed. */
export function userPin(settings: Settings): string {
  const fromEnv = env().XKS_PROXY_USER_PIN;
  if (fromEnv) return fromEnv;
  const sealed = settings.pkcs11.user_pin_sealed;
  if (!sealed) throw new Error(`${settings.file}: pkcs11.user_pin_sealed is not set (or set XKS_PROXY_USER_PIN)`);
  try {
    return openSealedText(sealed, pinContext(settings.pkcs11.token_label, "user"));
  } catch {
    throw new Error(`${settings.file}: pkcs11.user_pin_sealed does not open with this master key`);
  }
}

/** Opens the token and logs in (one C_Login; a wrong PIN is never retried). */
export function openProxyToken(settings: Settings): string {
  loadProxyModule(settings);
  const label = settings.pkcs11.token_label;
  if (!isLoggedIn(label)) {
    if (!findTokenSlot(label)) throw new Error(`PKCS#11 token "${label}" (pkcs11.token_label) not found; run set-up first`);
    login(label, userPin(settings));
  }
  return label;
}

/** Creates the proxy's token with random PINs (sealed), unless it exists. Returns the sealed PINs when created. */
export function ensureProxyToken(settings: Settings): { created: boolean; userPinSealed?: string; soPinSealed?: string } {
  loadProxyModule(settings);
  const label = settings.pkcs11.token_label;
  if (findTokenSlot(label)) return { created: false };
  const userPinText = crypto.randomBytes(18).toString("base64url");
  const soPinText = crypto.randomBytes(18).toString("base64url");
  initToken({ label, soPin: soPinText, userPin: userPinText });
  return {
    created: true,
    userPinSealed: seal(userPinText, pinContext(label, "user")),
    soPinSealed: seal(soPinText, pinContext(label, "so")),
  };
}

/** The health-check key exists (created on first start). */
export async function ensureHealthKey(token: string): Promise<void> {
  if (!tokenState(token).keys.has(HEALTH_KEY_ID)) await generateAesKey(token, HEALTH_KEY_ID);
}

export { closeModule };
