import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Test-only helpers (imported by *.test.ts). Each test file runs in its own process (vitest pool
// "forks"), so one fresh data directory per file gives each file its own SoftHSM token directory.

/** Creates a temp data dir and points KEYHOLD_DATA_DIR at it. Call before any server function runs. */
export function useTempDataDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `keyhold-${name}-`));
  process.env.KEYHOLD_DATA_DIR = dir;
  delete process.env.SOFTHSM2_CONF;
  delete process.env.DATABASE_URL;
  delete process.env.KEYHOLD_MASTER_KEY;
  return dir;
}

export function removeTempDataDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A random alphanumeric string (PINs, passwords in tests). */
export function randomPin(length = 12): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join("");
}
