import "server-only";
import Database from "better-sqlite3";
import { sqliteFilePath } from "@/lib/server/platform/database-url.ts";
import type { toAuditEventRow } from "./record-audit-event.ts";

// The audit writer's own SQLite connection: a prepared INSERT run once per row inside one transaction
// per batch (better-sqlite3, no Prisma). Through Prisma the batch cost ~25 µs of event-loop CPU per
// row (one JSON parameter unpacked by json_each, the cheapest form Prisma allows); this way ~5 µs, and
// the local endpoint writes one row per request.
//
// A connection of its own, not Prisma's: a row written on Prisma's connection while one of its
// interactive transactions is open would be committed or rolled back with that transaction. The
// connection never waits for a lock (busy timeout 0): better-sqlite3 blocks the event loop while it
// waits, and the lock may be held by a transaction that needs the event loop to finish. A batch that
// finds the database locked throws AuditDatabaseBusy and the writer tries again a moment later.

type Row = ReturnType<typeof toAuditEventRow>;

type Connection = { file: string; db: Database.Database; insertBatch: (rows: Row[]) => void };

const holder = globalThis as unknown as { keyholdAuditSqlite?: Connection };

export class AuditDatabaseBusy extends Error {
  constructor(cause: unknown) {
    super("the audit database is locked by another writer", { cause });
  }
}

function connection(): Connection {
  const file = sqliteFilePath();
  const open = holder.keyholdAuditSqlite;
  if (open?.file === file) return open;
  if (open) open.db.close();
  // The journal mode is the database's own (server.ts puts it in WAL): changing it here would need
  // the database to itself.
  const db = new Database(file, { timeout: 0 });
  const insert = db.prepare(
    `INSERT INTO "AuditEvent" ("id", "time", "eventSource", "eventName", "principalArn", "accessKeyId", "sourceIp", "userAgent", "requestParameters", "responseElements", "errorCode", "errorMessage", "resources", "requestId")
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBatch = db.transaction((rows: Row[]) => {
    for (const r of rows) {
      insert.run(
        r.id,
        // As the Prisma adapter writes DateTime columns (ISO 8601, "+00:00"), so both read back alike.
        r.time.toISOString().replace("Z", "+00:00"),
        r.eventSource,
        r.eventName,
        r.principalArn,
        r.accessKeyId,
        r.sourceIp,
        r.userAgent,
        r.requestParameters,
        r.responseElements,
        r.errorCode,
        r.errorMessage,
        r.resources,
        r.requestId,
      );
    }
  });
  const conn: Connection = { file, db, insertBatch };
  holder.keyholdAuditSqlite = conn;
  return conn;
}

/** Writes the rows in one transaction, or none of them. Throws AuditDatabaseBusy when the database is locked. */
export function insertAuditRowsSqlite(rows: Row[]): void {
  try {
    connection().insertBatch(rows);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") throw new AuditDatabaseBusy(e);
    throw e;
  }
}

/** Closes the connection (the audit writer's shutdown, once its queue is written); a later write opens it again. */
export function closeAuditSqlite(): void {
  const open = holder.keyholdAuditSqlite;
  holder.keyholdAuditSqlite = undefined;
  open?.db.close();
}
