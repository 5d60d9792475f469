import "server-only";
import fs from "node:fs";
import path from "node:path";

// Which keys the administrator disabled (keyStatus DISABLED): PKCS#11 has no such state, so it is kept
// beside the token in key-states.json. Only the process that owns the token writes it (the running proxy,
// or the CLI while the proxy is stopped).

export function readDisabledKeys(file: string): Set<string> {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { disabled?: unknown };
    return new Set(Array.isArray(parsed.disabled) ? parsed.disabled.filter((k): k is string => typeof k === "string") : []);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return new Set();
    throw new Error(`${file}: not a key-states file (${(e as Error).message})`);
  }
}

export function writeDisabledKeys(file: string, disabled: ReadonlySet<string>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ version: 1, disabled: [...disabled].sort() }, null, 2) + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
}
