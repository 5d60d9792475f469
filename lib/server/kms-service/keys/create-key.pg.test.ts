// CreateKey on PostgreSQL (test/create-key-suite.ts says what is tested): a database of its own on the
// test server of scripts/test/postgres.sh, migrated before the suite's first query.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { deployMigrations } from "@/scripts/db/schema-engine.mjs";
import { createKeySuite } from "@/test/create-key-suite.ts";
import { useLocalKms } from "@/test/local-kms-server.ts";

const dbName = `keyhold_create_key_${crypto.randomBytes(4).toString("hex")}`;
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

// A minute: an audit event found right after the answer was written before it (durable), not by the batch.
process.env.KEYHOLD_AUDIT_FLUSH_MS = "60000";
// Before the service's hooks: db() is opened on PostgreSQL, the tokens still live in the temp folder.
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
createKeySuite(useLocalKms("create-key-pg"));
