import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Test-only: applies the SQLite migrations to <dataDir>/keyhold.db (after useTempDataDir from
// lib/server/hsm/test-support.ts). Waits for scripts/db/schema-engine.mjs if it is not there yet.

type SchemaEngine = { deployMigrations(options: { url: string }): Promise<unknown> };

export async function migrateDatabase(dataDir: string): Promise<void> {
  const file = path.resolve("scripts/db/schema-engine.mjs");
  for (let waited = 0; !fs.existsSync(file); waited += 1000) {
    if (waited > 120_000) throw new Error(`${file} does not exist`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const engine = (await import(pathToFileURL(file).href)) as SchemaEngine;
  await engine.deployMigrations({ url: `file:${path.join(dataDir, "keyhold.db")}` });
}
