import "server-only";
import { toAuditEventRow, type AuditEventInput } from "@/lib/server/audit/record-audit-event.ts";
import { db } from "@/lib/server/db.ts";

// Writes the local endpoint's audit events without making requests wait for the database: an event is
// queued in memory and the queue is written in batches (one INSERT per batch) as soon as the event loop
// is free, so under load many requests share one write. A failed batch is kept and retried with
// back-off. flushAuditEvents() waits until everything queued is written; it runs on beforeExit,
// SIGTERM and SIGINT, so a shutdown (Next's included: it finishes open requests, then exits) does not
// lose events.

type Row = ReturnType<typeof toAuditEventRow>;

const BATCH = 500;
const MAX_QUEUED = 100_000;
const RETRY_MS = [100, 500, 2_000, 5_000];

type State = {
  queue: Row[];
  writing?: Promise<void>;
  scheduled: boolean;
  failures: number;
  retryTimer?: NodeJS.Timeout;
  hooked: boolean;
};

const holder = globalThis as unknown as { keyholdAuditWriter?: State };

function state(): State {
  return (holder.keyholdAuditWriter ??= { queue: [], scheduled: false, failures: 0, hooked: false });
}

export function enqueueAuditEvent(input: AuditEventInput): void {
  const s = state();
  if (s.queue.length >= MAX_QUEUED) {
    // Only when the database has been failing for a long time: say so loudly rather than exhaust memory.
    const dropped = s.queue.splice(0, BATCH);
    console.error(`[local-kms] audit queue full: dropped ${dropped.length} events (oldest ${dropped[0]?.requestId})`);
  }
  s.queue.push(toAuditEventRow(input));
  installShutdownHooks(s);
  schedule(s);
}

function schedule(s: State): void {
  if (s.scheduled || s.writing || s.retryTimer) return;
  s.scheduled = true;
  setImmediate(() => {
    s.scheduled = false;
    void drain(s);
  });
}

/** Writes batches until the queue is empty or a write fails (then retries later). */
function drain(s: State): Promise<void> {
  s.writing ??= (async () => {
    try {
      while (s.queue.length > 0) {
        const batch = s.queue.slice(0, BATCH);
        try {
          await db().auditEvent.createMany({ data: batch });
        } catch (e) {
          s.failures++;
          console.error(`[local-kms] writing ${batch.length} audit events failed (attempt ${s.failures}); will retry:`, e);
          const delay = RETRY_MS[Math.min(s.failures - 1, RETRY_MS.length - 1)]!;
          s.retryTimer = setTimeout(() => {
            s.retryTimer = undefined;
            schedule(s);
          }, delay);
          s.retryTimer.unref();
          return;
        }
        s.queue.splice(0, batch.length);
        s.failures = 0;
      }
    } finally {
      s.writing = undefined;
    }
  })();
  return s.writing;
}

/**
 * Resolves when every event queued so far is written. Gives up (and says how many were not written)
 * only after `attempts` consecutive failures.
 */
export async function flushAuditEvents(attempts = 5): Promise<void> {
  const s = state();
  for (let tries = 0; s.queue.length > 0 || s.writing; ) {
    if (s.retryTimer) {
      clearTimeout(s.retryTimer);
      s.retryTimer = undefined;
    }
    const before = s.failures;
    await drain(s);
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
  process.on("beforeExit", () => {
    if (state().queue.length > 0) void flushAuditEvents();
  });
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const onSignal = () => {
      void flushAuditEvents().finally(() => {
        // When nobody else handles the signal (a script, not Next), do what it would have done.
        if (process.listenerCount(signal) === 1) {
          process.removeListener(signal, onSignal);
          process.kill(process.pid, signal);
        }
      });
    };
    process.on(signal, onSignal);
  }
}
