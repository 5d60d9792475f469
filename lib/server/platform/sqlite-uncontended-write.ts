import "server-only";
import Database from "better-sqlite3";
import { databaseProvider, databaseUrl, sqliteFilePath } from "./database-url.ts";
import { onShutdown } from "./lifecycle.ts";

// A write the request path cannot afford through Prisma, on SQLite: Prisma's create of one row costs
// 0.5–1.5 ms of event-loop time, a prepared INSERT ~0.07 ms (bench/create-key.bench.ts). It runs on a
// better-sqlite3 connection of the main thread's own, and only if it gets the write lock at once
// (BEGIN IMMEDIATE with no busy timeout): waiting would block the event loop, and the holder of the lock
// may be one of Prisma's interactive transactions, which needs the event loop to finish. When the lock
// is taken the caller gets `undefined` and writes through Prisma instead, which waits as it always does.
//
// Its commits do not wait for the disk (synchronous = NORMAL: a write survives a crash of the process,
// and the next fsync of the WAL makes it survive power loss too). A caller answers only after such an
// fsync: the request's durable audit event (audit-writer.ts, every state-changing operation), committed
// with synchronous = FULL by the audit thread, syncs the WAL file and with it this earlier commit. That
// saves the row's own fsync (~0.3 ms) on the event loop.
//
// Not Prisma's connection: a statement run on it while one of Prisma's interactive transactions is open
// would be committed or rolled back with that transaction (audit-sqlite.ts says the same). Raw writes
// are not seen by db()'s write counters: callers bump the models they write (db-writes.ts).

export type PrepareStatement = (sql: string) => Database.Statement;

type Connection = { file: string; db: Database.Database; statements: Map<string, Database.Statement> };

const holder = globalThis as unknown as { keyholdUncontendedWrites?: Connection };

/** The connection to the SQLite file DATABASE_URL names now (tests switch databases): opened on first use. */
function connection(): Connection {
  const file = sqliteFilePath();
  const open = holder.keyholdUncontendedWrites;
  if (open?.file === file) return open;
  open?.db.close();
  // timeout 0: SQLITE_BUSY at once instead of sleeping on the event loop. Foreign keys are on by
  // default in better-sqlite3's build, as on Prisma's connection.
  const c: Connection = { file, db: new Database(file, { timeout: 0 }), statements: new Map() };
  c.db.pragma("synchronous = NORMAL");
  holder.keyholdUncontendedWrites = c;
  onShutdown("database: uncontended writes", "release", () => {
    if (holder.keyholdUncontendedWrites === c) holder.keyholdUncontendedWrites = undefined;
    c.db.close();
  });
  return c;
}

function isLockTaken(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

/**
 * Runs `write` in one immediate transaction on SQLite and returns its result; `undefined` when the
 * database is PostgreSQL or another connection holds the write lock (nothing was written then). Any
 * other failure (a constraint, a trigger) rolls the transaction back and is thrown as better-sqlite3's
 * SqliteError, whose `code` names it (e.g. SQLITE_CONSTRAINT_UNIQUE).
 */
export function writeIfUncontended<T>(write: (prepare: PrepareStatement) => T): T | undefined {
  if (databaseProvider(databaseUrl()) !== "sqlite") return undefined;
  const c = connection();
  const prepare: PrepareStatement = (sql) => {
    let statement = c.statements.get(sql);
    if (!statement) c.statements.set(sql, (statement = c.db.prepare(sql)));
    return statement;
  };
  try {
    return c.db.transaction(() => write(prepare)).immediate();
  } catch (e) {
    if (isLockTaken(e)) return undefined;
    throw e;
  }
}
