import "server-only";
import { EVERYTHING, announceWrite, crossInstanceLink } from "./cross-instance-writes.ts";

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
// Other processes (PostgreSQL with several instances): every bump is also announced to them, and theirs
// bump the counters here, over LISTEN/NOTIFY (cross-instance-writes.ts); while that link is down the
// caches expire their entries instead (write-invalidated-cache.ts). What it does not see: raw SQL
// ($executeRaw: only the audit writer, whose table no cache holds).

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

function bumpHere(model: string): void {
  const c = counters();
  c.set(model, (c.get(model) ?? 0) + 1);
}

/** A write announced by another instance; EVERYTHING (notifications may have been lost) empties every cache. */
function remoteWrite(model: string): void {
  bumpHere(model === EVERYTHING ? TRANSACTIONS : model);
}

/** How far one write moves its model's counter: bumpModelWrites runs before it and after it. */
export const WRITE_BUMPS = 2;

/** Called by db()'s extension around each write of `model` (and by tests); told to the other instances too. */
export function bumpModelWrites(model: string): void {
  bumpHere(model);
  const link = crossInstanceLink(remoteWrite);
  if (link) announceWrite(link, model);
}

/**
 * Whether the other instances' writes reach this one's caches at once: false on SQLite (there are none)
 * and while the PostgreSQL link is down. Opens the link on first use.
 */
export function hearsOtherInstances(): boolean {
  return crossInstanceLink(remoteWrite)?.listening ?? false;
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
