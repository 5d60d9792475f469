// The key cache on PostgreSQL (test/key-cache-suite.ts says what is tested): a database of its own on the
// test server of scripts/test/postgres.sh, migrated before the suite's first query.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { deployMigrations } from "@/scripts/db/schema-engine.mjs";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { keyCacheSuite } from "@/test/key-cache-suite.ts";

const dbName = `keyhold_key_cache_${crypto.randomBytes(4).toString("hex")}`;
let baseUrl: string | undefined;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: `${baseUrl}postgres` });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

process.env.KEYHOLD_BACKEND = "local";
// Before the data dir's hooks: db() is opened on PostgreSQL, the tokens still live in the temp folder.
beforeAll(async () => {
  baseUrl = execFileSync("bash", ["scripts/test/postgres.sh", "start"], { encoding: "utf8" }).trim();
  await admin(`CREATE DATABASE "${dbName}"`);
  process.env.DATABASE_URL = `${baseUrl}${dbName}`;
  await deployMigrations({ url: process.env.DATABASE_URL });
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  if (baseUrl) await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
});
useMigratedDataDir("console-key-cache-pg");
keyCacheSuite();
