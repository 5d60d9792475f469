import "server-only";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { principalArn } from "./principal-arn.ts";

/** The audit record of a change to a user or their access keys (IAM's event names), the user as its resource. */
export async function recordIdentityEvent(
  eventName: string,
  userName: string,
  requestParameters: Record<string, unknown>,
  actor?: AuditActor,
  error?: { code: string; message: string },
): Promise<void> {
  await recordAuditEvent({
    eventSource: CONSOLE_EVENT_SOURCE,
    eventName,
    requestId: actor?.requestId ?? uuid(),
    principalArn: actor?.principalArn ?? null,
    sourceIp: actor?.sourceIp,
    userAgent: actor?.userAgent,
    requestParameters: { userName, ...requestParameters },
    resources: [principalArn(userName)],
    errorCode: error?.code ?? null,
    errorMessage: error?.message ?? null,
  });
}
