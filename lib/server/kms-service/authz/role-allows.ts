import "server-only";
import { hasPermission } from "@/lib/server/platform/identity/permissions.ts";
import type { Caller, KmsAction } from "./caller.ts";
import { OPERATION_PERMISSIONS } from "./operation-permissions.ts";

/**
 * Whether the account's IAM allows the caller an action: here, whether its console role holds the
 * permission of the operation (ReEncryptFrom and ReEncryptTo are ReEncrypt's).
 */
export function roleAllows(caller: Caller, action: KmsAction): boolean {
  const operation = action === "kms:ReEncryptFrom" || action === "kms:ReEncryptTo" ? "kms:ReEncrypt" : action;
  const permission = OPERATION_PERMISSIONS[operation];
  return permission !== undefined && caller.role !== undefined && hasPermission(caller.role, permission);
}
