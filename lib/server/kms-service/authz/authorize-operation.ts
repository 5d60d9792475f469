import "server-only";
import { hasPermission } from "@/lib/server/platform/identity/permissions.ts";
import type { VerifiedCaller } from "@/lib/server/platform/sigv4/verify-sigv4.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { OperationKey } from "@/lib/server/kms-service/wire/operation-types.ts";
import { accessDenied } from "./access-denied.ts";
import { KEY_POLICY_OPERATIONS } from "./key-policy-operations.ts";
import { OPERATION_PERMISSIONS } from "./operation-permissions.ts";

/**
 * Before an operation runs: refuses one the caller's console role does not allow, as IAM refuses an
 * action no identity-based policy allows (KMS AccessDeniedException, CloudHSM CloudHsmAccessDeniedException,
 * IAM's wording). Operations on one key are let through: the key policy and grants decide them once
 * the operation has found its key (authorize-key-action.ts).
 */
export function authorizeOperation(operation: OperationKey, caller: VerifiedCaller): void {
  if (KEY_POLICY_OPERATIONS.has(operation)) return;
  const permission = OPERATION_PERMISSIONS[operation];
  if (permission && caller.role && hasPermission(caller.role, permission)) return;
  if (operation.startsWith("cloudhsm:")) {
    throw new KmsError(
      "CloudHsmAccessDeniedException",
      `User: ${caller.principalArn} is not authorized to perform: ${operation} because no identity-based policy allows the ${operation} action`,
    );
  }
  throw accessDenied(caller.principalArn, operation, "no-identity-policy");
}
