// Two console processes on one PostgreSQL database: a write through db() in one empties the other's
// write-invalidated caches at once (LISTEN/NOTIFY), not when an entry expires. A change made behind
// Prisma's back (raw SQL, never announced) stays unseen by the cache, which shows that the cache really
// held the row, with no expiry while the link is up. Real child processes (tsx), the test PostgreSQL of
// scripts/test/postgres.sh.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployMigrations } from "@/scripts/db/schema-engine.mjs";

const dbName = `keyhold_cross_${crypto.randomBytes(4).toString("hex")}`;
let baseUrl: string;
let url: string;
const children: ChildProcess[] = [];

async function sql(u: string, text: string, params: unknown[] = []): Promise<void> {
  const c = new pg.Client({ connectionString: u });
  await c.connect();
  try {
    await c.query(text, params);
  } finally {
    await c.end();
  }
}

type Instance = { ask: (line: string) => Promise<Record<string, unknown>> };

function startInstance(): Instance {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.resolve("test/cache-invalidation-process.ts")],
    {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  children.push(child);
  const waiting: ((v: Record<string, unknown>) => void)[] = [];
  readline.createInterface({ input: child.stdout! }).on("line", (l) => {
    try {
      const v = JSON.parse(l) as Record<string, unknown>;
      waiting.shift()?.(v);
    } catch {
      /* not an answer */
    }
  });
  return {
    ask: (line) =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.stdin!.write(`${line}\n`);
      }),
  };
}

async function until(ok: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  baseUrl = execFileSync("bash", ["scripts/test/postgres.sh", "start"], { encoding: "utf8" }).trim();
  await sql(`${baseUrl}postgres`, `CREATE DATABASE "${dbName}"`);
  url = `${baseUrl}${dbName}`;
  await deployMigrations({ url });
  await sql(url, `INSERT INTO "User" (id, name, "passwordHash", role) VALUES ('u-cross', 'cross', 'x', 'viewer')`);
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  if (baseUrl) await sql(`${baseUrl}postgres`, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
});

describe("write-invalidated caches across instances on PostgreSQL", () => {
  it("a write through one instance empties the other's cache at once", { timeout: 90_000 }, async () => {
    const a = startInstance();
    const b = startInstance();
    await until(async () => (await a.ask("heard")).heard === true && (await b.ask("heard")).heard === true, 60_000, "both links");

    expect(await b.ask("read u-cross")).toEqual({ role: "viewer" });
    // Behind Prisma's back: not announced, so b keeps what it read, past the 1 s expiry used without the link.
    await sql(url, `UPDATE "User" SET role = 'operator' WHERE id = 'u-cross'`);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await b.ask("read u-cross")).toEqual({ role: "viewer" });

    // Through a's db(): announced, and b's very next reads see it (the notification arrives in milliseconds).
    expect(await a.ask("write u-cross admin")).toEqual({ wrote: true });
    const started = Date.now();
    await until(async () => (await b.ask("read u-cross")).role === "admin", 1_000, "b to see a's write");
    console.log(`[cross-instance] b saw a's write ${Date.now() - started} ms after it returned`);
  });
});
