import "server-only";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/prisma-sqlite/client.ts";
import { PrismaClient as PostgresClient } from "@/lib/generated/prisma-postgresql/client.ts";
import { databaseProvider, databaseUrl, sqliteFilePath } from "@/lib/server/platform/database-url.ts";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";
import { TRANSACTIONS, bumpModelWrites, invalidatesCaches, isWriteOperation } from "./db-writes.ts";

// One Prisma client per process, on SQLite (default) or PostgreSQL (DATABASE_URL=postgresql://…).
// Both generated clients come from the same models, so the SQLite client's type stands for both.
export type Db = SqliteClient;

const globalForDb = globalThis as unknown as { keyholdDb?: Db };

function createClient(): Db {
  const url = databaseUrl();
  const client =
    databaseProvider(url) === "postgresql"
      ? (new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db)
      : new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: sqliteFilePath(url) }) });
  return countWrites(client);
}

/**
 * Every write of a model bumps its counter before and after it runs (db-writes.ts): the in-memory caches
 * of the request path (write-invalidated-cache.ts) are invalidated by every write, whoever makes it.
 */
function countWrites(client: Db): Db {
  const extended = client.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!isWriteOperation(operation) || !invalidatesCaches(model, operation, args)) return query(args);
          bumpModelWrites(model);
          try {
            return await query(args);
          } finally {
            bumpModelWrites(model);
          }
        },
      },
    },
  }) as unknown as Db;
  // A transaction's writes are committed after their own bumps: one more bump once it has ended.
  const transaction = extended.$transaction.bind(extended) as (...args: unknown[]) => Promise<unknown>;
  Object.defineProperty(extended, "$transaction", {
    value: (...args: unknown[]) => transaction(...args).finally(() => bumpModelWrites(TRANSACTIONS)),
  });
  return extended;
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
