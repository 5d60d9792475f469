import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { auditEventId } from "./audit-event-id.ts";

// Writes one CloudTrail-like AuditEvent row. Callers pass only what is safe to keep: never a password,
// token or secret key. requestParameters / responseElements / resources are stored as JSON text.
export type AuditEventInput = {
  eventSource: string;
  eventName: string;
  requestId: string;
  principalArn?: string | null;
  accessKeyId?: string | null;
  sourceIp?: string | null;
  userAgent?: string | null;
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  resources?: string[] | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  time?: Date;
};

export const CONSOLE_EVENT_SOURCE = "keyhold.console";

export async function recordAuditEvent(input: AuditEventInput): Promise<void> {
  await db().auditEvent.create({ data: toAuditEventRow(input) });
}

/** The AuditEvent row for an event (also used by the batched writer of the local KMS endpoint). */
export function toAuditEventRow(input: AuditEventInput) {
  const time = input.time ?? new Date();
  return {
    id: auditEventId(time.getTime()),
    time,
    eventSource: input.eventSource,
    eventName: input.eventName,
    requestId: input.requestId,
    principalArn: input.principalArn ?? null,
    accessKeyId: input.accessKeyId ?? null,
    sourceIp: input.sourceIp ?? null,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    requestParameters: input.requestParameters ? JSON.stringify(input.requestParameters) : null,
    responseElements: input.responseElements ? JSON.stringify(input.responseElements) : null,
    resources: input.resources?.length ? JSON.stringify(input.resources) : null,
    errorCode: input.errorCode ?? null,
    errorMessage: input.errorMessage ?? null,
  };
}
