// Which database Keyhold uses: SQLite under the data folder unless DATABASE_URL names PostgreSQL.
// Shared by prisma.config.ts, the migration tooling and lib/server/db.ts (no server-only imports here).
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export function dataDir(): string {
  // turbopackIgnore: a run-time path, not a file to trace into the build.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), process.env.KEYHOLD_DATA_DIR ?? "data");
}

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return url;
  return `file:${path.join(dataDir(), "keyhold.db")}`;
}

export function databaseProvider(url = databaseUrl()): DatabaseProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  throw new Error(`DATABASE_URL must be a file: (SQLite) or postgresql:// URL, got "${url.split(":")[0]}:…"`);
}

/** Absolute path of the SQLite file named by a file: URL (relative paths resolve from the project root). */
export function sqliteFilePath(url = databaseUrl()): string {
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), url.replace(/^file:/, "").split("?")[0]!);
}
