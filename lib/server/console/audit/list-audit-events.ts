import "server-only";
import type { AuditFilters, AuditListResponse } from "@/lib/schemas/audit.ts";
import { db } from "@/lib/server/platform/db.ts";
import { auditRetentionDays } from "@/lib/server/platform/audit/audit-retention-setting.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { STATUS_SERVICE_USER } from "@/lib/server/console/status/status-clients.ts";
import { auditWhere } from "./audit-event-query.ts";
import { toAuditEvent } from "./to-audit-event.ts";

export const DEFAULT_AUDIT_PAGE_SIZE = 50;

/**
 * One page of the audit log, newest first, filtered on the server. Every request this process has
 * answered is in it: the events still in the writer's batch window are written first.
 */
export async function listAuditEvents(filters: AuditFilters): Promise<AuditListResponse> {
  await flushAuditEvents();
  const where = auditWhere(filters);
  const size = filters.size ?? DEFAULT_AUDIT_PAGE_SIZE;
  const page = filters.page ?? 1;
  const [rows, total] = await Promise.all([
    db().auditEvent.findMany({ where, orderBy: [{ time: "desc" }, { id: "desc" }], skip: (page - 1) * size, take: size }),
    db().auditEvent.count({ where }),
  ]);
  return {
    events: rows.map(toAuditEvent),
    total,
    page,
    size,
    retentionDays: await auditRetentionDays(),
    systemUserName: STATUS_SERVICE_USER,
  };
}
