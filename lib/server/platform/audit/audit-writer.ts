import "server-only";
import { toAuditEventRow, type AuditEventInput } from "@/lib/server/platform/audit/record-audit-event.ts";
import { Prisma } from "@/lib/generated/prisma-sqlite/client.ts";
import { databaseProvider } from "@/lib/server/platform/database-url.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";
import { AuditDatabaseBusy, closeAuditSqlite, insertAuditRowsSqlite } from "./audit-sqlite.ts";

// Writes the local endpoint's audit events without making requests wait for the database: an event is
// queued in memory and the queue is written in batches, one transaction per batch, at most
// KEYHOLD_AUDIT_FLUSH_MS (200) after its first event, or at once when a batch is full. Why: a commit
// costs ~10 ms on SQLite (journal sync) and better-sqlite3 runs it on the event loop, so one write per
// request halved the throughput of the endpoint; Prisma's createMany costs ~0.2 ms of CPU per row, a
// raw multi-row INSERT through Prisma ~0.025 ms; on SQLite the batch is written by a thread of its own
// (audit-sqlite.ts), on PostgreSQL by one multi-row INSERT. A failed batch is kept and retried with back-off. flushAuditEvents() waits until
// everything queued is written; it runs on beforeExit and in the process's shutdown (lifecycle.ts), so a
// clean shutdown does not lose events.
//
// A durable event (enqueueAuditEvent(…, { durable: true }), or every event with KEYHOLD_AUDIT_DURABLE=all)
// does not wait for the window: the queue is written at once, and the returned promise resolves when
// the batch holding the event is committed, so the caller answers its request only after that (group
// commit: events that arrive during a write share the next one). The local endpoint makes the events of
// state-changing requests durable (record-aws-request.ts). A hard kill (kill -9, power loss) loses only
// the non-durable events of the last window.

type Row = ReturnType<typeof toAuditEventRow>;

const BATCH = 1000;
const MAX_QUEUED = 100_000;
const RETRY_MS = [100, 500, 2_000, 5_000];
/** SQLite locked by another writer: tried again this soon, and only after this many in a row counted as a failure. */
const BUSY_RETRY_MS = 10;
const BUSY_TRIES = 200;

type Waiter = { seq: number; resolve: () => void; reject: (e: unknown) => void };

type State = {
  queue: Row[];
  /** Rows ever enqueued, and rows that left the queue (written or dropped): a row's seq is its place. */
  enqueued: number;
  removed: number;
  waiters: Waiter[];
  writing?: Promise<void>;
  scheduled?: NodeJS.Timeout;
  failures: number;
  /** Consecutive batches that found SQLite locked (audit-sqlite.ts). */
  busy: number;
  retryTimer?: NodeJS.Timeout;
  hooked: boolean;
};

const holder = globalThis as unknown as { keyholdAuditWriter?: State };

function state(): State {
  return (holder.keyholdAuditWriter ??= { queue: [], enqueued: 0, removed: 0, waiters: [], failures: 0, busy: 0, hooked: false });
}

/** After this many consecutive failed writes a durable event's caller is told (and answers anyway). */
const DURABLE_ATTEMPTS = 4;

/**
 * Queues an event. With `durable`, writes the queue now and resolves once the event is committed
 * (rejects if the database keeps failing); otherwise the event waits for the batch window.
 */
export function enqueueAuditEvent(input: AuditEventInput, opts: { durable?: boolean } = {}): Promise<void> | undefined {
  const s = state();
  if (s.queue.length >= MAX_QUEUED) {
    // Only when the database has been failing for a long time: say so loudly rather than exhaust memory.
    const dropped = s.queue.splice(0, BATCH);
    s.removed += dropped.length;
    console.error(`[local-kms] audit queue full: dropped ${dropped.length} events (oldest ${dropped[0]?.requestId})`);
  }
  s.queue.push(toAuditEventRow(input));
  const seq = ++s.enqueued;
  installShutdownHooks(s);
  if (!opts.durable) {
    schedule(s);
    return undefined;
  }
  const written = new Promise<void>((resolve, reject) => s.waiters.push({ seq, resolve, reject }));
  schedule(s);
  return written;
}

/** Resolves the durable events written so far; after repeated failures, rejects the ones still waiting. */
function settleWaiters(s: State): void {
  if (s.waiters.length === 0) return;
  const giveUp = s.failures >= DURABLE_ATTEMPTS;
  const waiting: Waiter[] = [];
  for (const w of s.waiters) {
    if (w.seq <= s.removed) w.resolve();
    else if (giveUp) w.reject(new Error(`the audit event could not be written after ${s.failures} attempts`));
    else waiting.push(w);
  }
  s.waiters = waiting;
}

function schedule(s: State): void {
  if (s.writing || s.retryTimer) return;
  if (s.queue.length >= BATCH || s.waiters.length > 0) {
    clearTimeout(s.scheduled);
    s.scheduled = undefined;
    void drain(s);
    return;
  }
  if (s.scheduled) return;
  s.scheduled = setTimeout(() => {
    s.scheduled = undefined;
    void drain(s);
  }, env().KEYHOLD_AUDIT_FLUSH_MS);
  // Never keeps a process alive on its own: beforeExit flushes what is left.
  s.scheduled.unref();
}

/** One INSERT for many rows (parameters bound; Prisma.sql uses each database's placeholders). */
async function insertRows(rows: Row[]): Promise<void> {
  if (databaseProvider() === "sqlite") return insertAuditRowsSqlite(rows);
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.id}, ${r.time}, ${r.eventSource}, ${r.eventName}, ${r.principalArn}, ${r.accessKeyId}, ${r.sourceIp}, ${r.userAgent}, ${r.requestParameters}, ${r.responseElements}, ${r.errorCode}, ${r.errorMessage}, ${r.resources}, ${r.requestId})`,
  );
  await db()
    .$executeRaw`INSERT INTO "AuditEvent" ("id", "time", "eventSource", "eventName", "principalArn", "accessKeyId", "sourceIp", "userAgent", "requestParameters", "responseElements", "errorCode", "errorMessage", "resources", "requestId") VALUES ${Prisma.join(values)}`;
}

/** Writes one batch; what is left waits for the next window (or is written now, if a batch is full). */
function drain(s: State): Promise<void> {
  s.writing ??= (async () => {
    const batch = s.queue.slice(0, BATCH);
    try {
      if (batch.length > 0) await insertRows(batch);
      s.queue.splice(0, batch.length);
      s.removed += batch.length;
      s.failures = 0;
      s.busy = 0;
    } catch (e) {
      if (e instanceof AuditDatabaseBusy && ++s.busy < BUSY_TRIES) {
        s.retryTimer = setTimeout(() => {
          s.retryTimer = undefined;
          schedule(s);
        }, BUSY_RETRY_MS);
        s.retryTimer.unref();
        return;
      }
      s.busy = 0;
      s.failures++;
      console.error(`[local-kms] writing ${batch.length} audit events failed (attempt ${s.failures}); will retry:`, e);
      const delay = RETRY_MS[Math.min(s.failures - 1, RETRY_MS.length - 1)]!;
      s.retryTimer = setTimeout(() => {
        s.retryTimer = undefined;
        schedule(s);
      }, delay);
      s.retryTimer.unref();
    }
  })().finally(() => {
    s.writing = undefined;
    settleWaiters(s);
    if (s.queue.length > 0) schedule(s);
  });
  return s.writing;
}

/**
 * Resolves when every event queued so far is written. Gives up (and says how many were not written)
 * only after `attempts` consecutive failures.
 */
export async function flushAuditEvents(attempts = 5): Promise<void> {
  const s = state();
  for (let tries = 0; s.queue.length > 0 || s.writing;) {
    clearTimeout(s.retryTimer);
    s.retryTimer = undefined;
    clearTimeout(s.scheduled);
    s.scheduled = undefined;
    const before = s.failures;
    await drain(s);
    // Locked by another writer: give it a moment (its transaction may need the event loop to finish).
    if (s.busy > 0) await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    if (s.failures > before && ++tries >= attempts) {
      console.error(`[local-kms] ${s.queue.length} audit events could not be written`);
      return;
    }
  }
}

/** Events waiting to be written (for tests and diagnostics). */
export function pendingAuditEvents(): number {
  return state().queue.length;
}

function installShutdownHooks(s: State): void {
  if (s.hooked) return;
  s.hooked = true;
  // A script that simply ends: write what is left before the event loop empties.
  process.on("beforeExit", () => {
    if (state().queue.length > 0) void flushAuditEvents();
  });
  // A process that is told to stop: its owner's shutdown() writes the queue after the server stopped
  // taking requests and before PKCS#11 and the database are closed (lifecycle.ts).
  onShutdown("audit writer", "flush", async () => {
    await flushAuditEvents();
    await closeAuditSqlite();
  });
}
