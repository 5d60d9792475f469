import "server-only";
import { setLocalKmsuserPassword } from "@/lib/server/kms-service/local-backend.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { auditedKmsuserAction } from "./audit-kmsuser-action.ts";

export type SetKmsuserPasswordOptions = { clusterId: string; kmsuserPassword: string; actor: AuditActor };

/**
 * Local backend only: sets kmsuser's password on a local cluster, as an admin does with the CloudHSM
 * CLI's `user change-password` (there is no CloudHSM API for it), which also unlocks a kmsuser locked
 * out after too many failed logins. Refused while kmsuser is logged in (by KMS for a connected store,
 * or by an administrator). The key store that uses the cluster still holds the old password: the admin
 * then updates it (Edit, with the store disconnected) and connects. Audited as SetKmsuserPassword.
 */
export async function setKmsuserPassword({ clusterId, kmsuserPassword, actor }: SetKmsuserPasswordOptions): Promise<void> {
  await auditedKmsuserAction("SetKmsuserPassword", clusterId, actor, () => setLocalKmsuserPassword(clusterId, kmsuserPassword));
}
