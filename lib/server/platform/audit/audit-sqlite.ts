import "server-only";
import { Worker } from "node:worker_threads";
import { sqliteFilePath } from "@/lib/server/platform/database-url.ts";
import { AUDIT_SQLITE_COLUMNS, AUDIT_SQLITE_THREAD_SOURCE } from "./audit-sqlite-thread-source.ts";
import type { toAuditEventRow } from "./record-audit-event.ts";

// The audit writer's SQLite connection, on a thread of its own: a prepared INSERT run once per row
// inside one transaction per batch (better-sqlite3, no Prisma). Through Prisma a batch cost ~25 µs of
// event-loop CPU per row, on the event loop with a prepared INSERT ~10–15 µs (at 5,000 requests a
// second, 5–8 % of the main thread); here the main thread only flattens the rows into one array and
// posts it (~1–2 µs a row), and the insert runs on the second core.
//
// A connection of its own, not Prisma's: a row written on Prisma's connection while one of its
// interactive transactions is open would be committed or rolled back with that transaction. On its own
// thread it may wait for a lock (BUSY_TIMEOUT_MS) without blocking the event loop, which the holder of
// the lock (a Prisma transaction) may need in order to finish; a batch that still finds the database
// locked rejects with AuditDatabaseBusy and the writer tries again a moment later.

type Row = ReturnType<typeof toAuditEventRow>;

const BUSY_TIMEOUT_MS = 1_000;

type Pending = { resolve: () => void; reject: (e: unknown) => void };
type Thread = { worker: Worker; pending: Map<number, Pending>; nextId: number; dead: boolean };

const holder = globalThis as unknown as { keyholdAuditSqlite?: Thread };

export class AuditDatabaseBusy extends Error {
  constructor(cause: unknown) {
    super("the audit database is locked by another writer", { cause });
  }
}

function thread(): Thread {
  const open = holder.keyholdAuditSqlite;
  if (open && !open.dead) return open;
  const worker = new Worker(AUDIT_SQLITE_THREAD_SOURCE, {
    eval: true,
    workerData: { busyTimeoutMs: BUSY_TIMEOUT_MS },
    name: "keyhold-audit-sqlite",
  });
  const t: Thread = { worker, pending: new Map(), nextId: 1, dead: false };
  worker.unref(); // held (ref) only while a batch is in flight, so a script's process can end
  worker.on("message", (answer: { id: number; error?: { code?: string; message: string } }) => {
    const p = t.pending.get(answer.id);
    t.pending.delete(answer.id);
    if (t.pending.size === 0) worker.unref();
    if (!p) return;
    if (!answer.error) return p.resolve();
    const e = Object.assign(new Error(answer.error.message), { code: answer.error.code });
    const busy = e.code === "SQLITE_BUSY" || e.code === "SQLITE_LOCKED";
    p.reject(busy ? new AuditDatabaseBusy(e) : e);
  });
  const onDeath = (why: string) => {
    if (t.dead) return;
    t.dead = true;
    for (const p of t.pending.values()) p.reject(new Error(`audit SQLite thread: ${why}`));
    t.pending.clear();
  };
  worker.on("error", (e) => onDeath(e.message));
  worker.on("exit", (code) => onDeath(`exited (${code})`));
  holder.keyholdAuditSqlite = t;
  return t;
}

function post(message: Record<string, unknown>): Promise<void> {
  const t = thread();
  const id = t.nextId++;
  return new Promise<void>((resolve, reject) => {
    if (t.pending.size === 0) t.worker.ref();
    t.pending.set(id, { resolve, reject });
    t.worker.postMessage({ id, ...message });
  });
}

/** Writes the rows in one transaction, or none of them. Rejects with AuditDatabaseBusy when the database stays locked. */
export function insertAuditRowsSqlite(rows: Row[]): Promise<void> {
  // One flat array of strings, numbers and nulls: the cheapest shape to copy to the thread.
  const flat = new Array<string | number | null>(rows.length * AUDIT_SQLITE_COLUMNS.length);
  let at = 0;
  for (const r of rows) for (const column of AUDIT_SQLITE_COLUMNS) flat[at++] = column === "time" ? r.time.getTime() : r[column];
  return post({ file: sqliteFilePath(), rows: flat });
}

/** Closes the connection and ends the thread (the audit writer's shutdown, once its queue is written); a later write starts it again. */
export async function closeAuditSqlite(): Promise<void> {
  const t = holder.keyholdAuditSqlite;
  if (!t || t.dead) return;
  try {
    await post({ close: true });
  } finally {
    holder.keyholdAuditSqlite = undefined;
    t.dead = true;
    await t.worker.terminate();
  }
}
