import "server-only";
import { hasPermission } from "@/lib/server/platform/identity/permissions.ts";
import type { VerifiedCaller } from "@/lib/server/platform/sigv4/verify-sigv4.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { OperationKey } from "@/lib/server/kms-service/wire/operation-types.ts";
import { OPERATION_PERMISSIONS } from "./operation-permissions.ts";

/**
 * Refuses an operation the caller's console role does not allow, as IAM refuses an action no
 * identity-based policy allows: KMS answers AccessDeniedException, CloudHSM CloudHsmAccessDeniedException,
 * with IAM's wording. Key policies are not evaluated yet (CONTRIBUTING.md, "Authorisation on the local endpoint").
 */
export function authorizeOperation(operation: OperationKey, caller: VerifiedCaller): void {
  const permission = OPERATION_PERMISSIONS[operation];
  if (permission && caller.role && hasPermission(caller.role, permission)) return;
  const code = operation.startsWith("cloudhsm:") ? "CloudHsmAccessDeniedException" : "AccessDeniedException";
  throw new KmsError(
    code,
    `User: ${caller.principalArn} is not authorized to perform: ${operation} because no identity-based policy allows the ${operation} action`,
  );
}
