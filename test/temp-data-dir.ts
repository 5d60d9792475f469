// The one data-directory fixture for test files that touch the database: a fresh temp folder per test
// file (SQLite database, master key, SoftHSM tokens), migrated before the file's own beforeAll hooks and
// torn down after its afterAll hooks (vitest runs "after" hooks in reverse order of registration).
import { afterAll, beforeAll } from "vitest";
import { migrateDatabase } from "@/test/cluster-support.ts";
import { db } from "@/lib/server/platform/db.ts";
import { closeModule } from "@/lib/server/hsm/module.ts";
import { removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";

/** Call at the top of a test file: points KEYHOLD_DATA_DIR at a fresh folder; returns its path. */
export function useMigratedDataDir(name: string): string {
  const dir = useTempDataDir(name);
  beforeAll(() => migrateDatabase(dir));
  afterAll(() => releaseDataDir(dir));
  return dir;
}

/**
 * Writes what is still queued, closes PKCS#11 and the database, then removes the folder. The audit
 * writer goes first: a batch still waiting would otherwise be written after the folder is gone.
 */
export async function releaseDataDir(dir: string): Promise<void> {
  await flushAuditEvents();
  closeModule();
  await db().$disconnect();
  removeTempDataDir(dir);
}
