#!/usr/bin/env node
// Keyhold's migration commands, without the Prisma CLI (runs on the wasm schema engine):
//   node scripts/db/migrate.mjs create NAME   new migration <UTC timestamp>_<name> for SQLite AND PostgreSQL
//                                             (PostgreSQL shadow DB: KEYHOLD_MIGRATE_PG_URL, else the local
//                                             test server of scripts/test/postgres.sh)
//   node scripts/db/migrate.mjs deploy        apply pending migrations to DATABASE_URL (default: SQLite in data/)
//   node scripts/db/migrate.mjs status        exit 0 when DATABASE_URL is up to date, 1 otherwise
import { createMigration, defaultDatabaseUrl, deployMigrations, migrationStatus, projectRoot } from "./schema-engine.mjs";
import path from "node:path";

const [command, ...rest] = process.argv.slice(2);
const redact = (url) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

async function main() {
  switch (command) {
    case "create": {
      const name = rest.join(" ");
      if (!name) throw new Error("usage: migrate.mjs create NAME");
      const { name: folder, written } = await createMigration({ name });
      if (!written.length) return console.log("No schema changes: no migration created.");
      for (const { file } of written) console.log(`Created ${path.relative(projectRoot(), file)}`);
      console.log(`Review ${folder}/migration.sql for both providers before committing.`);
      return;
    }
    case "deploy": {
      const url = defaultDatabaseUrl();
      const { appliedMigrationNames } = await deployMigrations({ url });
      console.log(
        appliedMigrationNames.length
          ? `Applied to ${redact(url)}: ${appliedMigrationNames.join(", ")}`
          : `No pending migrations for ${redact(url)}.`,
      );
      return;
    }
    case "status": {
      const url = defaultDatabaseUrl();
      const status = await migrationStatus({ url });
      console.log(`Database ${redact(url)}${status.databaseExists ? "" : " (does not exist yet)"}`);
      if (status.upToDate) return console.log("Up to date.");
      if (status.unappliedMigrationNames.length) console.log(`Not yet applied: ${status.unappliedMigrationNames.join(", ")}`);
      if (status.failedMigrationNames.length) console.log(`Failed: ${status.failedMigrationNames.join(", ")}`);
      if (status.editedMigrationNames.length) console.log(`Edited after being applied: ${status.editedMigrationNames.join(", ")}`);
      if (status.history && status.history.diagnostic !== "databaseIsBehind") console.log(`History: ${JSON.stringify(status.history)}`);
      process.exitCode = 1;
      return;
    }
    default:
      throw new Error("usage: migrate.mjs create NAME | deploy | status");
  }
}

try {
  await main();
} catch (error) {
  console.error(error.code ? `${error.code}: ${error.message}` : error.message);
  process.exitCode = 1;
}
// Exit now: a driver or the engine may still hold a timer or an idle connection.
process.exit();
