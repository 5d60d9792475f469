// Import FIRST in a test file that touches the database: points KEYHOLD_DATA_DIR at a fresh temp
// folder (SQLite database and master key inside) before any server module reads it, and offers
// migrate() / cleanup() for beforeAll / afterAll.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const tempDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-test-"));
process.env.KEYHOLD_DATA_DIR = tempDataDir;
delete process.env.DATABASE_URL;
delete process.env.KEYHOLD_MASTER_KEY;

export async function migrateTempDatabase(): Promise<void> {
  const { deployMigrations } = await import("@/scripts/db/schema-engine.mjs");
  await deployMigrations({ url: `file:${path.join(tempDataDir, "keyhold.db")}` });
}

export async function removeTempDataDir(): Promise<void> {
  const { db } = await import("@/lib/server/db.ts");
  await db().$disconnect();
  fs.rmSync(tempDataDir, { recursive: true, force: true });
}
