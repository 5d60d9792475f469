// Databases as a whole: does it exist, create it (at server start too), delete a SQLite file.
import fs from "node:fs";
import path from "node:path";
import { pgConfig } from "./engine-adapters.mjs";
import { projectRequire, providerOf, sqlitePath } from "./project.mjs";

async function withPgClient(config, run) {
  const { Client } = projectRequire()("pg");
  const client = new Client(config);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Whether the database named by `url` exists (SQLite: the file; PostgreSQL: the database). */
export async function databaseExists(url) {
  if (providerOf(url) === "sqlite") return fs.existsSync(sqlitePath(url));
  try {
    await withPgClient(pgConfig(url).config, () => {});
    return true;
  } catch (error) {
    if (error?.code === "3D000") return false; // invalid_catalog_name: no such database
    throw error;
  }
}

/**
 * Creates the database if it does not exist; returns true when it was created. SQLite: the file's
 * folder and an empty file. PostgreSQL: CREATE DATABASE from the `postgres` maintenance database.
 */
export async function ensureDatabase(url) {
  if (await databaseExists(url)) return false;
  if (providerOf(url) === "sqlite") {
    const file = sqlitePath(url);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.closeSync(fs.openSync(file, "a"));
    return true;
  }
  const { config } = pgConfig(url);
  try {
    await withPgClient({ ...config, database: "postgres" }, (client) =>
      client.query(`CREATE DATABASE "${config.database.replaceAll('"', '""')}"`),
    );
    return true;
  } catch (error) {
    if (error?.code === "42P04") return false; // duplicate_database: another process was faster
    throw error;
  }
}

/** W6: resetting SQLite means deleting the file (the wasm reset only deletes rows). */
export function deleteSqliteDatabase(url) {
  const file = sqlitePath(url);
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
}
