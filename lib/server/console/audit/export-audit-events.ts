import "server-only";
import type { AuditFilters } from "@/lib/schemas/audit.ts";
import { db } from "@/lib/server/platform/db.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { auditWhere } from "./audit-event-query.ts";
import { toCloudTrailRecord } from "./to-cloudtrail-record.ts";

const BATCH = 1_000;
/** The most one export holds; narrow the filter for more. */
export const MAX_EXPORT_EVENTS = 100_000;

/**
 * The filtered events, oldest first, as CloudTrail records in JSON lines, streamed in batches so a
 * large export never holds the whole log in memory. The writer's batch window is written first, so the
 * export holds every request this process has answered.
 */
export function exportAuditEvents(filters: AuditFilters): ReadableStream<Uint8Array> {
  const where = auditWhere(filters);
  const encoder = new TextEncoder();
  let cursor: { time: Date; id: string } | undefined;
  let sent = 0;
  let userIds: Map<string, string> | undefined;
  return new ReadableStream({
    async start() {
      await flushAuditEvents();
    },
    async pull(controller) {
      userIds ??= new Map((await db().user.findMany({ select: { id: true, name: true } })).map((u) => [u.name, u.id]));
      const rows = await db().auditEvent.findMany({
        where: cursor ? { AND: [where, { OR: [{ time: { gt: cursor.time } }, { time: cursor.time, id: { gt: cursor.id } }] }] } : where,
        orderBy: [{ time: "asc" }, { id: "asc" }],
        take: Math.min(BATCH, MAX_EXPORT_EVENTS - sent),
      });
      if (rows.length > 0) {
        controller.enqueue(encoder.encode(rows.map((r) => `${JSON.stringify(toCloudTrailRecord(r, userIds!))}\n`).join("")));
        sent += rows.length;
        const last = rows[rows.length - 1]!;
        cursor = { time: last.time, id: last.id };
      }
      if (rows.length < BATCH || sent >= MAX_EXPORT_EVENTS) controller.close();
    },
  });
}
