import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireProcessLock, releaseProcessLock } from "./process-lock.ts";
import { removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";

const dir = useTempDataDir("lock");
const lockPath = path.join(dir, "hsm.lock");
afterAll(() => removeTempDataDir(dir));

function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "0"]).pid!;
}

describe("token-directory process lock", () => {
  it("is taken with the pid, re-entrant, and released", () => {
    acquireProcessLock(lockPath);
    expect(JSON.parse(fs.readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
    acquireProcessLock(lockPath);
    releaseProcessLock(lockPath);
    expect(fs.existsSync(lockPath)).toBe(false);
  });

  it("refuses a live other process with a clear error", () => {
    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid }));
    expect(() => acquireProcessLock(lockPath)).toThrow(`token directory in use by process ${process.ppid}`);
    expect(() => acquireProcessLock(lockPath)).toThrow(
      expect.objectContaining({ safeMessage: `The HSM token directory is in use by process ${process.ppid}.` }),
    );
    fs.rmSync(lockPath);
  });

  it("takes over a stale lock (dead pid, or a pid reused by another program)", () => {
    fs.writeFileSync(lockPath, JSON.stringify({ pid: deadPid() }));
    acquireProcessLock(lockPath);
    expect(JSON.parse(fs.readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
    releaseProcessLock(lockPath);

    fs.writeFileSync(lockPath, JSON.stringify({ pid: process.ppid, start: "1" }));
    acquireProcessLock(lockPath);
    expect(JSON.parse(fs.readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
    releaseProcessLock(lockPath);
  });

  it("a second process on the same data dir gets the in-use error from the module", () => {
    acquireProcessLock(lockPath);
    const script = [
      'import { loadedModule } from "./lib/server/hsm/module.ts";',
      "try { loadedModule(); console.log('loaded'); } catch (e) { console.log(e.message); }",
    ].join("\n");
    const child = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script], {
      cwd: path.resolve("."),
      env: { ...process.env, KEYHOLD_DATA_DIR: dir },
      encoding: "utf8",
    });
    expect(child.stdout.trim()).toContain(`token directory in use by process ${process.pid}`);
    releaseProcessLock(lockPath);
  });
});
