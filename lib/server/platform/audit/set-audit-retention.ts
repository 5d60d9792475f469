import "server-only";
import { ZAuditRetentionDays } from "@/lib/schemas/settings.ts";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import type { AuditActor } from "./audit-actor.ts";
import { pruneAuditEvents } from "./audit-retention.ts";
import { AUDIT_RETENTION_SETTING, auditRetentionDays } from "./audit-retention-setting.ts";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "./record-audit-event.ts";

export type SetAuditRetentionOptions = { days: number; actor?: AuditActor };

/**
 * An administrator's audit retention: stored, audited (UpdateAuditRetention, with the old and new
 * value), then applied at once: the events older than the new retention are deleted now rather than
 * at the next hourly run. Returns how many were deleted.
 */
export async function setAuditRetention({ days, actor }: SetAuditRetentionOptions): Promise<{ prunedEvents: number }> {
  const parsed = ZAuditRetentionDays.safeParse(days);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Invalid retention.";
    throw new AppError({ code: "ValidationException", safeMessage: message, fields: { auditRetentionDays: message } });
  }
  const previous = await auditRetentionDays();
  const value = String(parsed.data);
  await db().setting.upsert({
    where: { key: AUDIT_RETENTION_SETTING },
    create: { key: AUDIT_RETENTION_SETTING, value },
    update: { value },
  });
  await recordAuditEvent({
    eventSource: CONSOLE_EVENT_SOURCE,
    eventName: "UpdateAuditRetention",
    requestId: actor?.requestId ?? uuid(),
    principalArn: actor?.principalArn ?? null,
    sourceIp: actor?.sourceIp,
    userAgent: actor?.userAgent,
    requestParameters: { retentionDays: parsed.data, previousRetentionDays: previous },
  });
  return { prunedEvents: await pruneAuditEvents({ days: parsed.data }) };
}
