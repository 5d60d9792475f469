import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";

// Audit retention: events older than KEYHOLD_AUDIT_RETENTION_DAYS (90) are deleted in the background,
// shortly after start and then every hour, in batches so that no single statement holds the database
// for long. Several instances on one PostgreSQL database may prune at once: a row is deleted once.

const BATCH = 5_000;
const DAY_MS = 24 * 60 * 60_000;

/** Deletes the events older than `days` before `now`; returns how many. */
export async function pruneAuditEvents(opts: { days?: number; now?: Date } = {}): Promise<number> {
  const days = opts.days ?? env().KEYHOLD_AUDIT_RETENTION_DAYS;
  const cutoff = new Date((opts.now ?? new Date()).getTime() - days * DAY_MS);
  let deleted = 0;
  for (;;) {
    const n = await db()
      .$executeRaw`DELETE FROM "AuditEvent" WHERE "id" IN (SELECT "id" FROM "AuditEvent" WHERE "time" < ${cutoff} LIMIT ${BATCH})`;
    deleted += n;
    if (n < BATCH) return deleted;
  }
}

export type AuditRetentionOptions = { intervalMs?: number; firstRunMs?: number };
type Loop = { stop: () => Promise<void> };
const holder = globalThis as unknown as { keyholdAuditRetention?: Loop };

/** Starts the pruning loop (once per process); its stop is registered with the process's shutdown. */
export function startAuditRetention(o: AuditRetentionOptions = {}): Loop {
  if (holder.keyholdAuditRetention) return holder.keyholdAuditRetention;
  const interval = o.intervalMs ?? 60 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  const run = async () => {
    try {
      const n = await pruneAuditEvents();
      if (n > 0) console.log(`[keyhold] audit retention: deleted ${n} events older than ${env().KEYHOLD_AUDIT_RETENTION_DAYS} days`);
    } catch (e) {
      console.error("[keyhold] audit retention failed:", e);
    }
    if (!stopped) schedule(interval);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = run();
    }, ms);
    timer.unref();
  };
  schedule(o.firstRunMs ?? 10_000);
  const loop: Loop = {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (holder.keyholdAuditRetention === loop) holder.keyholdAuditRetention = undefined;
    },
  };
  holder.keyholdAuditRetention = loop;
  onShutdown("audit retention", "workers", loop.stop);
  return loop;
}
