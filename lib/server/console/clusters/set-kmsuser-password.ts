import "server-only";
import { setLocalKmsuserPassword } from "@/lib/server/kms-service/local-backend.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import { env } from "@/lib/server/platform/env.ts";
import { AppError, isAppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";

export type SetKmsuserPasswordOptions = { clusterId: string; kmsuserPassword: string; actor: AuditActor };

/**
 * Local backend only: sets kmsuser's password on a local cluster, as a crypto officer does with the
 * CloudHSM CLI (there is no CloudHSM API for it), which also unlocks a kmsuser locked out after too many
 * failed logins. The key store that uses the cluster still holds the old password: the admin then
 * updates it (Edit, with the store disconnected) and connects. Audited as SetKmsuserPassword, without
 * the password.
 */
export async function setKmsuserPassword({ clusterId, kmsuserPassword, actor }: SetKmsuserPasswordOptions): Promise<void> {
  if (env().KEYHOLD_BACKEND !== "local") {
    throw new AppError({
      code: "UnsupportedOperationException",
      safeMessage: "The console sets the kmsuser password of local clusters only. On AWS CloudHSM, use the CloudHSM CLI.",
    });
  }
  let errorCode: string | null = null;
  try {
    await setLocalKmsuserPassword(clusterId, kmsuserPassword);
  } catch (e) {
    errorCode = isAppError(e) ? e.code : "InternalFailure";
    throw e;
  } finally {
    await recordAuditEvent({
      eventSource: CONSOLE_EVENT_SOURCE,
      eventName: "SetKmsuserPassword",
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
