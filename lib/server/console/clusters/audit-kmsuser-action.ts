import "server-only";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import { env } from "@/lib/server/platform/env.ts";
import { AppError, isAppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";

export type KmsuserEventName = "SetKmsuserPassword" | "LoginKmsuser" | "LogoutKmsuser";

/**
 * Runs what an administrator does to kmsuser of a local cluster (on CloudHSM: the CloudHSM CLI, which
 * has no API) and audits it under eventName with the cluster id only, never a password. Refused unless
 * KEYHOLD_BACKEND=local.
 */
export async function auditedKmsuserAction(
  eventName: KmsuserEventName,
  clusterId: string,
  actor: AuditActor,
  action: () => Promise<void>,
): Promise<void> {
  if (env().KEYHOLD_BACKEND !== "local") {
    throw new AppError({
      code: "UnsupportedOperationException",
      safeMessage: "The console manages kmsuser of local clusters only. On AWS CloudHSM, use the CloudHSM CLI.",
    });
  }
  let errorCode: string | null = null;
  try {
    await action();
  } catch (e) {
    errorCode = isAppError(e) ? e.code : "InternalFailure";
    throw e;
  } finally {
    await recordAuditEvent({
      eventSource: CONSOLE_EVENT_SOURCE,
      eventName,
      requestId: actor.requestId ?? uuid(),
      principalArn: actor.principalArn ?? null,
      sourceIp: actor.sourceIp ?? null,
      userAgent: actor.userAgent ?? null,
      requestParameters: { clusterId },
      resources: [clusterId],
      errorCode,
    });
  }
}
