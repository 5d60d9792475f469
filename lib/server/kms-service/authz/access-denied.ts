import "server-only";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// AccessDeniedException in the words of KMS and IAM:
//   User: <principal> is not authorized to perform: kms:Encrypt on resource: <key ARN> because no
//   resource-based policy allows the kms:Encrypt action
// "resource-based policy" is the key policy (with the key's grants); "identity-based policy" is the
// account's IAM, here the caller's console role; an explicit deny is named as such.

export type DenialReason = "no-identity-policy" | "no-resource-policy" | "explicit-deny-in-resource-policy";

export function accessDenied(principalArn: string, action: string, reason: DenialReason, resourceArn?: string): KmsError {
  const on = resourceArn ? ` on resource: ${resourceArn}` : "";
  const why =
    reason === "explicit-deny-in-resource-policy"
      ? "with an explicit deny in a resource-based policy"
      : `because no ${reason === "no-identity-policy" ? "identity" : "resource"}-based policy allows the ${action} action`;
  return new KmsError("AccessDeniedException", `User: ${principalArn} is not authorized to perform: ${action}${on} ${why}`);
}
