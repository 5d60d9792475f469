import "server-only";
import { logInLocalKmsuser, logOutLocalKmsuser } from "@/lib/server/kms-service/local-backend.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { auditedKmsuserAction } from "./audit-kmsuser-action.ts";

export type LogInKmsuserOptions = { clusterId: string; kmsuserPassword: string; actor: AuditActor };

/**
 * Local backend only: logs kmsuser in to the cluster as an administrator's CloudHSM CLI would
 * (`login --username kmsuser --role crypto-user`). A wrong password counts towards the lockout. While
 * logged in, connecting the cluster's key store fails with USER_LOGGED_IN. Audited as LoginKmsuser.
 */
export async function logInKmsuser({ clusterId, kmsuserPassword, actor }: LogInKmsuserOptions): Promise<void> {
  await auditedKmsuserAction("LoginKmsuser", clusterId, actor, () => logInLocalKmsuser(clusterId, kmsuserPassword));
}

/** Local backend only: the CloudHSM CLI's `logout` for kmsuser. Audited as LogoutKmsuser. */
export async function logOutKmsuser({ clusterId, actor }: { clusterId: string; actor: AuditActor }): Promise<void> {
  await auditedKmsuserAction("LogoutKmsuser", clusterId, actor, () => logOutLocalKmsuser(clusterId));
}
