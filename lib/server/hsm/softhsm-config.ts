import "server-only";
import fs from "node:fs";
import path from "node:path";
import { dataPath, env } from "@/lib/server/platform/env.ts";

// SoftHSM reads its configuration from $SOFTHSM2_CONF when C_Initialize runs. Keyhold writes a
// project-local one so its tokens live under <dataDir>/tokens (git-ignored, 0700) instead of the
// system-wide /var/lib/softhsm. An explicit SOFTHSM2_CONF pointing elsewhere is respected.

export type SoftHsmConfig = { confPath: string; tokenDir: string; managed: boolean };

const SYSTEM_TOKEN_DIR = "/var/lib/softhsm/tokens/";

export function isSoftHsmModule(libPath: string): boolean {
  return /softhsm/i.test(path.basename(libPath));
}

/** directories.tokendir of a softhsm2.conf (SoftHSM's compiled-in default when absent). */
export function readTokenDir(confPath: string): string {
  const text = fs.readFileSync(confPath, "utf8");
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("#")) continue;
    const m = /^directories\.tokendir\s*=\s*(.+)$/.exec(line);
    if (m) return path.resolve(m[1]!.trim());
  }
  return path.resolve(SYSTEM_TOKEN_DIR);
}

function configText(tokenDir: string): string {
  return [
    "# Written by Keyhold (lib/server/hsm/softhsm-config.ts); regenerated on start.",
    `directories.tokendir = ${tokenDir}`,
    "objectstore.backend = file",
    "log.level = ERROR",
    "slots.removable = false",
    "slots.mechanisms = ALL",
    "library.reset_on_fork = false",
    "",
  ].join("\n");
}

/** Writes a SoftHSM configuration naming tokenDir (only when its text changed) and creates tokenDir (0700). */
export function writeSoftHsmConfig(confPath: string, tokenDir: string): void {
  fs.mkdirSync(path.dirname(confPath), { recursive: true, mode: 0o700 });
  fs.mkdirSync(tokenDir, { recursive: true, mode: 0o700 });
  const text = configText(tokenDir);
  const existing = fs.existsSync(confPath) ? fs.readFileSync(confPath, "utf8") : undefined;
  if (existing !== text) fs.writeFileSync(confPath, text, { mode: 0o600 });
}

/** Points SOFTHSM2_CONF at a given configuration: a second process's own token directory (the XKS proxy). */
export function pointAtSoftHsmConfig(confPath: string): SoftHsmConfig {
  process.env.SOFTHSM2_CONF = confPath;
  return { confPath, tokenDir: readTokenDir(confPath), managed: false };
}

/** Writes <dataDir>/softhsm2.conf and points SOFTHSM2_CONF at it, unless the env names another file. */
export function ensureSoftHsmConfig(): SoftHsmConfig {
  const ours = dataPath("softhsm2.conf");
  const current = env().SOFTHSM2_CONF;
  if (current && path.resolve(current) !== ours) {
    return { confPath: current, tokenDir: readTokenDir(current), managed: false };
  }
  const tokenDir = dataPath("tokens");
  writeSoftHsmConfig(ours, tokenDir);
  process.env.SOFTHSM2_CONF = ours;
  return { confPath: ours, tokenDir, managed: true };
}
