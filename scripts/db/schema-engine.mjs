// Prisma's schema engine (migrations) without its Rust binary, which cannot be downloaded here: runs
// @prisma/schema-engine-wasm (the same engine, same version as the CLI) through the driver adapters
// (./engine-adapters.mjs). The wasm build and the 7.10 adapters need workarounds, marked W1–W9 where
// they are applied; each one answers a failure seen in practice.
// Used by scripts/db/migrate.mjs, by the schema-engine stand-in scripts/db/schema-engine-shim.mjs (so
// that `prisma migrate …` works) and in-process at server start (instrumentation.ts); plain .mjs so
// that plain `node` runs it, and importable from a Next.js server bundle (see ./project.mjs).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createAdapterFactory } from "./engine-adapters.mjs";
import { databaseExists, ensureDatabase } from "./databases.mjs";
import { defaultDatabaseUrl, importFile, migrationsDir, projectRequire, projectRoot, providerOf, schemaDir } from "./project.mjs";

export { createAdapterFactory, pgConfig } from "./engine-adapters.mjs";
export { databaseExists, deleteSqliteDatabase, ensureDatabase } from "./databases.mjs";
export { defaultDatabaseUrl, migrationsDir, projectRoot, providerOf, schemaDir } from "./project.mjs";

const FILTERS = { externalTables: [], externalEnums: [] };
const LOCKFILE = "migration_lock.toml";

// ---------------------------------------------------------------------------------------------------
// Schema files and migration folders

/** The schema files of prisma/<provider> (datasource + linked models), as the CLI passes them. */
export function readSchemaFiles(provider) {
  const dir = schemaDir(provider);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => ({ path: path.join(dir, f), content: fs.readFileSync(path.join(dir, f), "utf8") }));
}

/** A MigrationList built exactly as the Prisma CLI builds it (sorted by name; unreadable file → error). */
export async function readMigrationList(baseDir, shadowDbInitScript = "") {
  const lockfile = { path: LOCKFILE, content: await fs.promises.readFile(path.join(baseDir, LOCKFILE), "utf8").catch(() => null) };
  const entries = await fs.promises.readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const migrationDirectories = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const content = await fs.promises
      .readFile(path.join(baseDir, entry.name, "migration.sql"), "utf8")
      .then((value) => ({ tag: "ok", value }))
      .catch((error) => ({ tag: "error", value: error.message }));
    migrationDirectories.push({ path: entry.name, migrationFile: { path: "migration.sql", content } });
  }
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile, migrationDirectories, shadowDbInitScript };
}

// ---------------------------------------------------------------------------------------------------
// The wasm engine, loaded by hand: its main module imports a .wasm file, which Node 20 cannot import
// without --experimental-wasm-modules.

let wasmModule;
export function loadSchemaEngineWasm() {
  wasmModule ??= (async () => {
    const bgFile = projectRequire().resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = await importFile(bgFile);
    const bytes = await fs.promises.readFile(path.join(path.dirname(bgFile), "schema_engine_bg.wasm"));
    // W7: after applyMigrations on PostgreSQL the engine leaves a ~10 s setTimeout that it never clears,
    // which kept CLI processes alive; unref'd, it still fires in a process that is busy anyway.
    const imports = { ...bg };
    for (const name of Object.keys(imports).filter((n) => n.startsWith("__wbg_setTimeout_"))) {
      imports[name] = (callback, ms) => {
        const timer = bg[name](callback, ms);
        timer?.unref?.();
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    bg.__wbg_set_wasm(instance.exports);
    instance.exports.__wbindgen_start();
    return bg;
  })();
  return wasmModule;
}

// ---------------------------------------------------------------------------------------------------
// Engine sessions

/**
 * Opens a wasm schema engine on `url`. `datamodels`: [[path, content]] or undefined (W8: an empty
 * list panics the engine). `onLog` receives the engine's JSON log lines.
 */
export async function openSchemaEngine({ url, datamodels, onLog = () => {} }) {
  const { SchemaEngine } = await loadSchemaEngineWasm();
  const { factory, close: closeAdapters } = await createAdapterFactory(url);
  let engine;
  try {
    engine = await SchemaEngine.new({ datamodels: datamodels?.length ? datamodels : undefined }, onLog, factory);
  } catch (error) {
    await closeAdapters();
    throw explainError(error, factory.errorRegistry);
  }
  let closed = false;
  return {
    engine,
    provider: providerOf(url),
    /** Puts the driver's message in place of "External error id#N". */
    explain: (error) => explainError(error, factory.errorRegistry),
    close: async () => {
      if (closed) return;
      closed = true;
      await closeAdapters();
      engine.free();
    },
  };
}

function explainError(error, registry) {
  if (!(error instanceof Error)) return error;
  const message = error.message.replace(/External error id#(\d+)/g, (text, id) => {
    const cause = registry?.registeredErrors?.[Number(id)]?.error;
    return cause?.cause?.originalMessage ?? cause?.message ?? (cause ? JSON.stringify(cause.cause ?? cause) : text);
  });
  if (message !== error.message) error.message = message;
  return error;
}

async function withEngine(options, run) {
  const session = await openSchemaEngine(options);
  try {
    return await run(session.engine, session);
  } catch (error) {
    throw session.explain(error);
  } finally {
    await session.close(); // also ends the EXCLUSIVE lock SQLite migrations hold until disconnect
  }
}

const isMissingMigrationsTable = (error) => error?.code === "P1014" && /_prisma_migrations/.test(error.message);

/**
 * W5: on a database without `_prisma_migrations`, the wasm engine fails with P1014 where the binary
 * says "no table". Create the table (apply an empty migration list) and run `call` again.
 */
export async function withMigrationsTable(engine, migrationsList, call) {
  try {
    return await call();
  } catch (error) {
    if (!isMissingMigrationsTable(error)) throw error;
    await engine.applyMigrations({ migrationsList: { ...migrationsList, migrationDirectories: [] }, filters: FILTERS });
    return await call();
  }
}

// ---------------------------------------------------------------------------------------------------
// Commands

let deployQueue = Promise.resolve();

/**
 * Applies the pending migrations of prisma/migrations/<provider> (creates the database first if
 * needed). Idempotent; calls in one process run one after the other. PostgreSQL serialises
 * concurrent processes with the engine's advisory lock.
 */
export function deployMigrations({ url = defaultDatabaseUrl(), dir = migrationsDir(providerOf(url)) } = {}) {
  const run = async () => {
    await ensureDatabase(url);
    const migrationsList = await readMigrationList(dir);
    return withEngine({ url }, (engine) => engine.applyMigrations({ migrationsList, filters: FILTERS }));
  };
  const result = deployQueue.then(run, run);
  deployQueue = result.catch(() => {});
  return result;
}

/**
 * The state of the migration history, read-only: { upToDate, databaseExists, hasMigrationsTable,
 * unappliedMigrationNames, failedMigrationNames, editedMigrationNames, history }.
 */
export async function migrationStatus({ url = defaultDatabaseUrl(), dir = migrationsDir(providerOf(url)) } = {}) {
  const migrationsList = await readMigrationList(dir);
  const allNames = migrationsList.migrationDirectories.map((d) => d.path);
  // What the binary reports for a database without the migrations table (W5 without writing).
  const untouched = (databaseExists) => ({
    databaseExists,
    hasMigrationsTable: false,
    history: allNames.length ? { diagnostic: "databaseIsBehind", unappliedMigrationNames: allNames } : null,
    failedMigrationNames: [],
    editedMigrationNames: [],
  });
  let status;
  if (!(await databaseExists(url))) status = untouched(false);
  else {
    status = await withEngine({ url }, async (engine) => {
      try {
        const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: FILTERS });
        return { databaseExists: true, ...diagnosis };
      } catch (error) {
        if (isMissingMigrationsTable(error)) return untouched(true);
        throw error;
      }
    });
  }
  const { history } = status;
  return {
    ...status,
    unappliedMigrationNames: history?.unappliedMigrationNames ?? [],
    upToDate: history === null && status.failedMigrationNames.length === 0 && status.editedMigrationNames.length === 0,
  };
}

const EMPTY_MIGRATION = "-- This is an empty migration.";

/** The SQL that takes a database from the committed migrations to the current schema ("" if none). */
export async function diffMigrationsToSchema({ provider, url }) {
  const migrationsList = await readMigrationList(migrationsDir(provider));
  // The first migration has no lockfile yet; the engine needs it to know the connector.
  migrationsList.lockfile.content ??= `provider = "${provider}"\n`;
  const files = readSchemaFiles(provider);
  const { stdout } = await withEngine({ url }, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: FILTERS,
    }),
  );
  return stdout?.trim() === EMPTY_MIGRATION ? "" : (stdout ?? "");
}

/** Prisma's migration-name slug (the CLI uses slugify with "_"): "Add key states" → "add_key_states". */
export function migrationSlug(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
}

const utcStamp = (date) => date.toISOString().replace(/\D/g, "").slice(0, 14); // YYYYMMDDHHMMSS

/** The base URL (ending in "/") of the local test PostgreSQL server, started if needed. */
export function testPostgresBaseUrl() {
  const script = path.join(/* turbopackIgnore: true */ projectRoot(), "scripts/test/postgres.sh");
  return execFileSync("bash", [script, "start"], { encoding: "utf8" }).trim();
}

/**
 * Writes the SAME-named migration <UTC timestamp>_<name>/migration.sql for every provider, from the
 * committed migrations to prisma/models.prisma, and migration_lock.toml. PostgreSQL needs a server
 * for its temporary shadow database: `postgresUrl` (any database on a server where the user may
 * CREATE DATABASE), else the local test server of scripts/test/postgres.sh.
 * Returns { name, written: [{ provider, file }] }; written is empty when the schema has no changes.
 */
export async function createMigration({ name, postgresUrl, providers = ["sqlite", "postgresql"], now = new Date(), allowEmpty = false }) {
  const slug = migrationSlug(name ?? "");
  if (!slug) throw new Error("A migration needs a name (letters or digits), e.g. add_key_states");
  const urls = {
    sqlite: "file::memory:",
    postgresql: () => postgresUrl ?? process.env.KEYHOLD_MIGRATE_PG_URL ?? `${testPostgresBaseUrl()}postgres`,
  };
  const scripts = {};
  for (const provider of providers) {
    const url = typeof urls[provider] === "function" ? urls[provider]() : urls[provider];
    scripts[provider] = await diffMigrationsToSchema({ provider, url });
  }
  const migrationName = `${utcStamp(now)}_${slug}`;
  if (!allowEmpty && Object.values(scripts).every((sql) => sql === "")) return { name: migrationName, written: [] };
  const written = [];
  for (const provider of providers) {
    const dir = migrationsDir(provider);
    const folder = path.join(dir, migrationName);
    if (fs.existsSync(folder)) throw new Error(`The migration directory already exists at ${folder}`);
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, "migration.sql");
    fs.writeFileSync(file, scripts[provider] || `${EMPTY_MIGRATION}\n`);
    fs.writeFileSync(path.join(dir, LOCKFILE), lockfileText(provider));
    written.push({ provider, file });
  }
  return { name: migrationName, written };
}

/** migration_lock.toml as the Prisma CLI writes it. */
export const lockfileText = (provider) =>
  `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
