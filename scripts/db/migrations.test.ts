// The committed migrations, applied by the wasm schema engine (scripts/db/schema-engine.mjs) to a fresh
// SQLite file and a fresh PostgreSQL database (local test server of scripts/test/postgres.sh), then
// used by the generated Prisma clients; and the Prisma CLI through the schema-engine stand-in.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  defaultDatabaseUrl,
  deployMigrations,
  diffMigrationsToSchema,
  migrationStatus,
  migrationsDir,
  type DatabaseProvider,
} from "./schema-engine.mjs";
import { databaseUrl } from "@/lib/server/platform/database-url.ts";

const root = process.cwd();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-migrations-"));
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");
let pgBaseUrl = "";
const pgDatabases: string[] = [];

/** Migration folder name → sha256 of its migration.sql, as Prisma records it. */
function committedMigrations(provider: DatabaseProvider): Map<string, string> {
  const dir = migrationsDir(provider);
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return new Map(
    names.map((n) => [
      n,
      createHash("sha256")
        .update(fs.readFileSync(path.join(dir, n, "migration.sql")))
        .digest("hex"),
    ]),
  );
}

type MigrationRow = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

function sqliteRows(file: string): MigrationRow[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations").all() as MigrationRow[];
  } finally {
    db.close();
  }
}

async function pgQuery<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

function freshPgUrl(): string {
  const name = `keyhold_test_${randomBytes(4).toString("hex")}`;
  pgDatabases.push(name);
  return `${pgBaseUrl}${name}`;
}

/** The Prisma CLI, as a developer runs it (prisma.config.ts puts the stand-in in place). */
function prisma(args: string[], env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, npm_config_loglevel: "error" };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  return spawnSync(process.execPath, [prismaCli, ...args], { cwd: root, env: childEnv, encoding: "utf8" });
}

function expectApplied(provider: DatabaseProvider, rows: MigrationRow[]) {
  const committed = committedMigrations(provider);
  expect(rows.map((r) => r.migration_name).sort()).toEqual([...committed.keys()]);
  for (const row of rows) {
    expect(row.checksum).toBe(committed.get(row.migration_name));
    expect(row.finished_at).not.toBeNull();
    expect(row.rolled_back_at).toBeNull();
  }
}

beforeAll(() => {
  pgBaseUrl = execFileSync("bash", [path.join(root, "scripts/test/postgres.sh"), "start"], { encoding: "utf8" }).trim();
  // The app needs both generated clients; generate them if this checkout has not yet.
  for (const provider of ["sqlite", "postgresql"]) {
    if (!fs.existsSync(path.join(root, `lib/generated/prisma-${provider}/client.ts`))) {
      execFileSync(process.execPath, [path.join(root, "scripts/db/generate.mjs")], { stdio: "inherit" });
      break;
    }
  }
});

afterAll(async () => {
  fs.rmSync(tmp, { recursive: true, force: true });
  for (const name of pgDatabases) await pgQuery(`${pgBaseUrl}postgres`, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});

describe("committed migrations", () => {
  it("exist for both providers under the same names, with Prisma's lock files", () => {
    const sqlite = [...committedMigrations("sqlite").keys()];
    expect(sqlite.length).toBeGreaterThan(0);
    expect([...committedMigrations("postgresql").keys()]).toEqual(sqlite);
    for (const provider of ["sqlite", "postgresql"] as const) {
      expect(fs.readFileSync(path.join(migrationsDir(provider), "migration_lock.toml"), "utf8")).toContain(`provider = "${provider}"`);
    }
  });

  it("match prisma/models.prisma (no schema change is missing a migration)", async () => {
    expect(await diffMigrationsToSchema({ provider: "sqlite", url: "file::memory:" })).toBe("");
    expect(await diffMigrationsToSchema({ provider: "postgresql", url: `${pgBaseUrl}postgres` })).toBe("");
  });

  it("default to the same database as database-url.ts", () => {
    expect(defaultDatabaseUrl()).toBe(databaseUrl());
  });
});

describe("SQLite", () => {
  const file = path.join(tmp, "not-yet", "created", "keyhold.db");
  const url = `file:${file}`;

  it("applies every migration to a fresh file, creating its folder", async () => {
    const before = await migrationStatus({ url });
    expect(before).toMatchObject({ upToDate: false, databaseExists: false });
    const { appliedMigrationNames } = await deployMigrations({ url });
    expect(appliedMigrationNames).toEqual([...committedMigrations("sqlite").keys()]);
    expectApplied("sqlite", sqliteRows(file));
  });

  it("applies nothing the second time and reports up to date", async () => {
    expect(await deployMigrations({ url })).toEqual({ appliedMigrationNames: [] });
    expect(await migrationStatus({ url })).toMatchObject({ upToDate: true, unappliedMigrationNames: [] });
  });

  it("serves the generated SQLite client", async () => {
    const { PrismaClient } = await import("../../lib/generated/prisma-sqlite/client.ts");
    const { PrismaBetterSqlite3 } = await import("@prisma/adapter-better-sqlite3");
    const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: file }) });
    try {
      await client.user.create({ data: { id: "u-1", name: "alice", passwordHash: "x" } });
      const user = await client.user.findUnique({ where: { name: "alice" } });
      expect(user).toMatchObject({ id: "u-1", role: "admin" });
      expect(user?.createdAt).toBeInstanceOf(Date);
    } finally {
      await client.$disconnect();
    }
  });

  it("is reported up to date by `prisma migrate status` through the schema-engine stand-in", () => {
    const result = prisma(["migrate", "status"], { DATABASE_URL: url });
    expect(result.stderr + result.stdout).toContain("Database schema is up to date!");
    expect(result.status).toBe(0);
  });

  it("prints `prisma migrate diff` from the migrations (replayed on a shadow database) through the stand-in", () => {
    const result = prisma(
      ["migrate", "diff", "--from-migrations", "prisma/migrations/sqlite", "--to-schema", "prisma/sqlite", "--script"],
      {
        DATABASE_URL: url,
      },
    );
    expect(result.stdout).toContain("-- This is an empty migration.");
    expect(result.status).toBe(0);
  });

  it("is emptied and migrated again by `prisma migrate reset --force` through the stand-in", async () => {
    const result = prisma(["migrate", "reset", "--force"], { DATABASE_URL: url });
    expect(result.status).toBe(0);
    expectApplied("sqlite", sqliteRows(file));
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM "User"').get()).toEqual({ n: 0 });
    db.close();
  });
});

describe("PostgreSQL", () => {
  let url = "";
  beforeAll(() => {
    url = freshPgUrl();
  });

  it("creates the database and applies every migration", async () => {
    expect(await migrationStatus({ url })).toMatchObject({ upToDate: false, databaseExists: false });
    const { appliedMigrationNames } = await deployMigrations({ url });
    expect(appliedMigrationNames).toEqual([...committedMigrations("postgresql").keys()]);
    expectApplied("postgresql", await pgQuery<MigrationRow>(url, "SELECT * FROM _prisma_migrations"));
  });

  it("applies nothing the second time and reports up to date", async () => {
    expect(await deployMigrations({ url })).toEqual({ appliedMigrationNames: [] });
    expect(await migrationStatus({ url })).toMatchObject({ upToDate: true, unappliedMigrationNames: [] });
  });

  it("leaves no temporary shadow database behind", async () => {
    const rows = await pgQuery<{ datname: string }>(url, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
    expect(rows).toEqual([]);
  });

  it("serves the generated PostgreSQL client", async () => {
    const { PrismaClient } = await import("../../lib/generated/prisma-postgresql/client.ts");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      await client.user.create({ data: { id: "u-1", name: "alice", passwordHash: "x" } });
      const user = await client.user.findUnique({ where: { name: "alice" } });
      expect(user).toMatchObject({ id: "u-1", role: "admin" });
      expect(user?.createdAt).toBeInstanceOf(Date);
    } finally {
      await client.$disconnect();
    }
  });

  it("deployed by `prisma migrate deploy` through the stand-in, is up to date for the wasm engine", async () => {
    const other = freshPgUrl();
    const result = prisma(["migrate", "deploy"], { DATABASE_URL: other });
    expect(result.stdout).toContain("All migrations have been successfully applied.");
    expect(result.status).toBe(0);
    expect(await migrationStatus({ url: other })).toMatchObject({ upToDate: true });
  });
});
