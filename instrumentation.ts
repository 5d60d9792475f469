// Runs once when the Next.js server starts, before it serves: pending migrations are applied so the
// server never answers on an out-of-date schema. PKCS#11 is NOT opened here; the HSM layer opens the
// module lazily on first use, in the serving process only. Shutdown needs nothing here: Next's
// SIGTERM/SIGINT handler ends in process.exit(), which the audit writer holds until its queue is
// written (lib/server/local-kms/audit/audit-writer.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { deployMigrations } = await import("./scripts/db/schema-engine.mjs");
  const { databaseProvider, databaseUrl, sqliteFilePath } = await import("./lib/server/platform/database-url.ts");
  const url = databaseUrl();
  const { appliedMigrationNames } = await deployMigrations({ url });
  if (appliedMigrationNames.length) console.log(`Keyhold: applied migrations ${appliedMigrationNames.join(", ")}`);
  if (databaseProvider(url) === "sqlite") {
    // WAL is a property of the database file: readers no longer wait on a writer's commit.
    const { default: Database } = await import("better-sqlite3");
    const file = new Database(sqliteFilePath(url));
    file.pragma("journal_mode = WAL");
    file.close();
  }
  // The status cache poller (both backends): on PostgreSQL only the process holding the advisory lock polls.
  if (process.env.KEYHOLD_STATUS_POLLER !== "off") {
    const { startStatusPoller } = await import("./lib/server/console/status/status-poller.ts");
    startStatusPoller();
  }
  // Local service only: deletes keys whose waiting period is over (and their key material); it opens
  // PKCS#11 only when a key is due.
  if ((process.env.KEYHOLD_BACKEND ?? "local") !== "local") return;
  const { startKeyDeletionSweeper } = await import("./lib/server/kms-service/keys/key-deletion-sweeper.ts");
  startKeyDeletionSweeper();
}
