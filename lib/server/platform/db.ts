import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma-sqlite/client.ts";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgresql/client.ts";
import { databaseProvider, databaseUrl, sqliteFilePath } from "@/lib/server/platform/database-url.ts";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";

// One Prisma client per process, on SQLite (default) or PostgreSQL (DATABASE_URL=postgresql://…).
// Both generated clients come from the same models, so the SQLite client's type stands for both.
export type Db = SqliteClient;

const globalForDb = globalThis as unknown as { keyholdDb?: Db };

function createClient(): Db {
  const url = databaseUrl();
  if (databaseProvider(url) === "postgresql") {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url) }) });
}

/** The process-wide client; kept on globalThis because Next bundles server code into several layers. */
export function db(): Db {
  if (!globalForDb.keyholdDb) {
    const client = createClient();
    globalForDb.keyholdDb = client;
    onShutdown("database", "release", async () => {
      if (globalForDb.keyholdDb === client) globalForDb.keyholdDb = undefined;
      await client.$disconnect();
    });
  }
  return globalForDb.keyholdDb;
}
