import "server-only";
import fs from "node:fs";
import { AppError } from "@/lib/server/platform/errors.ts";

// One process per token directory: two SoftHSM instances on one directory corrupt each other's view
// (see spec/softhsm-facts.md). The lock file holds the owner's pid and, on Linux, its start time, so a
// stale lock (owner gone, or pid reused by another program) is taken over.

type LockRecord = { pid: number; start?: string };

const released = new Set<string>();

function processStart(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function readLock(lockPath: string): LockRecord | undefined {
  try {
    const rec = JSON.parse(fs.readFileSync(lockPath, "utf8")) as LockRecord;
    return Number.isInteger(rec.pid) && rec.pid > 0 ? rec : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(rec: LockRecord): boolean {
  try {
    process.kill(rec.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const start = processStart(rec.pid);
  return !(rec.start && start && rec.start !== start);
}

function inUse(pid: number | "unknown"): AppError {
  return new AppError({
    code: "KMSInternalException",
    connectionErrorCode: "INTERNAL_ERROR",
    safeMessage: `The HSM token directory is in use by process ${pid}.`,
    internalMessage: `token directory in use by process ${pid}; only one process may open a SoftHSM token directory`,
  });
}

function releaseOnExit(lockPath: string): void {
  if (released.has(lockPath)) return;
  released.add(lockPath);
  process.once("exit", () => releaseProcessLock(lockPath));
}

/** Takes the lock or throws "token directory in use by process N". Re-entrant within one process. */
export function acquireProcessLock(lockPath: string): void {
  const me: LockRecord = { pid: process.pid, start: processStart(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      releaseOnExit(lockPath);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const holder = readLock(lockPath);
    if (holder?.pid === process.pid) {
      releaseOnExit(lockPath);
      return;
    }
    if (holder && isAlive(holder)) throw inUse(holder.pid);
    // Unreadable: possibly being written right now by a starting process.
    if (!holder && Date.now() - fs.statSync(lockPath).mtimeMs < 2000) throw inUse("unknown");
    fs.rmSync(lockPath, { force: true });
  }
  throw inUse(readLock(lockPath)?.pid ?? "unknown");
}

export function releaseProcessLock(lockPath: string): void {
  if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
}
