import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataPath, env } from "@/lib/server/platform/env.ts";

// The master key seals every secret at rest (kmsuser passwords, SO PINs, access-key secrets, cluster
// wrapping keys). It comes from KEYHOLD_MASTER_KEY (32 bytes, base64 or hex) or from data/master.key,
// which is generated on first use with mode 0600.
let cached: Buffer | undefined;

export function masterKeyPath(): string {
  return dataPath("master.key");
}

function decodeKey(text: string, source: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32) throw new Error(`${source} must hold a 32-byte key (base64 or hex)`);
  return key;
}

export function masterKey(): Buffer {
  if (cached) return cached;
  const fromEnv = env().KEYHOLD_MASTER_KEY;
  if (fromEnv) {
    cached = decodeKey(fromEnv, "KEYHOLD_MASTER_KEY");
    return cached;
  }
  const file = masterKeyPath();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // "wx": only the first process to get here writes the key; the others read it.
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64") + "\n", { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  cached = decodeKey(fs.readFileSync(file, "utf8"), file);
  return cached;
}
