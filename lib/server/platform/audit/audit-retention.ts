import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { auditRetentionDays } from "./audit-retention-setting.ts";
import { startPeriodicWorker, type PeriodicWorker } from "@/lib/server/platform/periodic-worker.ts";

// Audit retention: events older than the retention (an administrator's setting, else
// KEYHOLD_AUDIT_RETENTION_DAYS, 90: audit-retention-setting.ts) are deleted in the background,
// shortly after start and then every hour, in batches so that no single statement holds the database
// for long. Several instances on one PostgreSQL database may prune at once: a row is deleted once.

const BATCH = 5_000;
const DAY_MS = 24 * 60 * 60_000;

/** Deletes the events older than `days` before `now`; returns how many. */
export async function pruneAuditEvents(opts: { days?: number; now?: Date } = {}): Promise<number> {
  const days = opts.days ?? (await auditRetentionDays());
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

/** Starts the pruning loop (once per process); its stop is registered with the process's shutdown. */
export function startAuditRetention(o: AuditRetentionOptions = {}): PeriodicWorker {
  return startPeriodicWorker(
    "audit retention",
    async () => {
      const days = await auditRetentionDays();
      const n = await pruneAuditEvents({ days });
      if (n > 0) console.log(`[keyhold] audit retention: deleted ${n} events older than ${days} days`);
    },
    { intervalMs: o.intervalMs ?? 60 * 60_000, firstRunMs: o.firstRunMs ?? 10_000 },
  );
}
