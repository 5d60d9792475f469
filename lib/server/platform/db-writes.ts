import "server-only";

// A write counter per Prisma model, bumped by db()'s query extension (db.ts) before and after every
// create, update, upsert or delete of that model, so that in-memory caches of rows can tell, with one
// comparison, whether anything they hold may have changed (write-invalidated-cache.ts). On globalThis:
// Next bundles server code into several layers and server.ts loads its own copy, and a write through
// any copy must invalidate the caches of all of them.
//
// Transactions: a write inside $transaction bumps when it runs, before the commit, so a read between
// the two could cache the old row under the new count. Every $transaction therefore also bumps one
// counter that every cache includes, after it commits or rolls back (db.ts wraps $transaction).
//
// What it does not see: writes by another process (PostgreSQL with several instances: the caches also
// expire, see write-invalidated-cache.ts) and raw SQL ($executeRaw: only the audit writer, whose table no
// cache holds).

const WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);

/**
 * Columns no cache holds, whose updates therefore invalidate nothing: the SigV4 lookup records lastUsedAt
 * once a minute per key, and that must not empty the access-key cache each time; sign-in records lastSignInAt.
 */
const UNCACHED_COLUMNS: Readonly<Record<string, ReadonlySet<string>>> = {
  AccessKey: new Set(["lastUsedAt"]),
  User: new Set(["lastSignInAt"]),
};

const holder = globalThis as unknown as { keyholdModelWrites?: Map<string, number> };

function counters(): Map<string, number> {
  return (holder.keyholdModelWrites ??= new Map());
}

export function isWriteOperation(operation: string): boolean {
  return WRITES.has(operation);
}

/** Whether a write may change what a cache holds (false only for updates of uncached columns alone). */
export function invalidatesCaches(model: string, operation: string, args: unknown): boolean {
  const uncached = UNCACHED_COLUMNS[model];
  if (!uncached || (operation !== "update" && operation !== "updateMany")) return true;
  const data = (args as { data?: unknown } | undefined)?.data;
  if (!data || typeof data !== "object") return true;
  return Object.keys(data).some((column) => !uncached.has(column));
}

/** Called by db()'s extension around each write of `model` (and by tests). */
export function bumpModelWrites(model: string): void {
  const c = counters();
  c.set(model, (c.get(model) ?? 0) + 1);
}

/** The counter every cache includes: bumped when a transaction ends. */
export const TRANSACTIONS = "$transaction";

/** The sum of the models' write counters and the transactions': changes whenever one of them is written. */
export function modelWriteGeneration(models: readonly string[]): number {
  const c = counters();
  let sum = c.get(TRANSACTIONS) ?? 0;
  for (const m of models) sum += c.get(m) ?? 0;
  return sum;
}
