// A PostgreSQL database of the test file's own on the test server of scripts/test/postgres.sh: created
// and migrated in a beforeAll, dropped in an afterAll. Call it before the file's data-dir / service
// fixtures, so db() is opened on PostgreSQL (the tokens still live in the temp folder).
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { deployMigrations } from "@/scripts/db/schema-engine.mjs";

export function usePostgresDatabase(prefix: string): void {
  const dbName = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  let baseUrl: string | undefined;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: `${baseUrl}postgres` });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
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
}
