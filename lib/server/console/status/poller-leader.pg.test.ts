// Two console processes on one PostgreSQL database: only the holder of the advisory lock polls; kill
// it and the other takes over. Real child processes (tsx), the test PostgreSQL of scripts/test/postgres.sh.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployMigrations } from "@/scripts/db/schema-engine.mjs";

type Tick = { pid: number; leader: boolean; ok: boolean };
type Proc = { child: ChildProcess; ticks: Tick[]; exited: Promise<void> };

let baseUrl: string;
const dbName = `keyhold_leader_${crypto.randomBytes(4).toString("hex")}`;
let url: string;
const procs: Proc[] = [];

async function pgQuery<T extends object>(u: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: u });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

function startConsole(): Proc {
  // node itself (tsx as a loader), so the pid killed is the process holding the lock.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("test/status-poller-process.ts")], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const ticks: Tick[] = [];
  readline.createInterface({ input: child.stdout! }).on("line", (l) => {
    try {
      ticks.push(JSON.parse(l) as Tick);
    } catch {
      /* not a tick */
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const p = { child, ticks, exited };
  procs.push(p);
  return p;
}

async function until(ok: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const leads = (p: Proc, since = 0) => p.ticks.slice(since).filter((t) => t.leader).length;
const follows = (p: Proc, since = 0) => p.ticks.slice(since).filter((t) => !t.leader).length;

beforeAll(async () => {
  baseUrl = execFileSync("bash", ["scripts/test/postgres.sh", "start"], { encoding: "utf8" }).trim();
  await pgQuery(`${baseUrl}postgres`, `CREATE DATABASE "${dbName}"`);
  url = `${baseUrl}${dbName}`;
  await deployMigrations({ url });
});

afterAll(async () => {
  for (const p of procs) {
    p.child.kill("SIGKILL");
    await p.exited;
  }
  if (baseUrl) await pgQuery(`${baseUrl}postgres`, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
});

describe("the status poller on PostgreSQL", () => {
  it("polls in one process only, and another takes over when it dies", async () => {
    const a = startConsole();
    const b = startConsole();
    // Both running; exactly one leads, the other keeps trying and is refused.
    await until(() => leads(a) + leads(b) >= 3 && a.ticks.length > 0 && b.ticks.length > 0, 60_000, "both processes to tick");
    const [leader, follower] = leads(a) > 0 ? [a, b] : [b, a];
    await until(() => follows(follower) >= 3, 10_000, "the follower to be refused three times");
    expect(leads(follower)).toBe(0);
    const row = async () => (await pgQuery<{ leader: string }>(url, `SELECT leader FROM "StatusPoll" WHERE id = 'status'`))[0]?.leader;
    expect(leader.ticks[0]?.pid).toBe(leader.child.pid);
    expect(await row()).toMatch(new RegExp(`:${leader.child.pid}$`));

    // Kill the leader without a goodbye: its connection drops, PostgreSQL frees the lock.
    leader.child.kill("SIGKILL");
    await leader.exited;
    const mark = follower.ticks.length;
    await until(() => leads(follower, mark) >= 2, 30_000, "the other process to take over");
    await until(
      async () => (await row())?.endsWith(`:${follower.child.pid}`) ?? false,
      10_000,
      "the StatusPoll row to name the new leader",
    );
  });
});
