// Where things are, for the migration tooling: the project root, package loading that survives a
// Next.js server bundle (createRequire from <cwd>/package.json and bundler-ignored imports, because
// import.meta.resolve breaks in a bundle), the database URL and provider (same rules as
// lib/server/platform/database-url.ts, which plain node cannot import), and the schema and migration folders.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** The project root: every command and the Next.js server run from it. */
export const projectRoot = () => process.cwd();

export const projectRequire = () => createRequire(path.join(/* turbopackIgnore: true */ projectRoot(), "package.json"));
export const importFile = (file) => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ pathToFileURL(file).href);

export function defaultDatabaseUrl() {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return url;
  return `file:${path.join(path.resolve(/* turbopackIgnore: true */ process.env.KEYHOLD_DATA_DIR ?? "data"), "keyhold.db")}`;
}

/** "sqlite" for file: URLs, "postgresql" for postgres(ql):// URLs. */
export function providerOf(url) {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a file: (SQLite) or postgresql:// URL, got "${url.split(":")[0]}:…"`);
}

/** Absolute path of the SQLite file of a file: URL (":memory:" stays as is). */
export function sqlitePath(url) {
  const file = url.replace(/^file:/, "").split("?")[0];
  return file === ":memory:" ? file : path.resolve(/* turbopackIgnore: true */ projectRoot(), file);
}

export const schemaDir = (provider) => path.join(/* turbopackIgnore: true */ projectRoot(), "prisma", provider);
export const migrationsDir = (provider) => path.join(/* turbopackIgnore: true */ projectRoot(), "prisma", "migrations", provider);
