import "server-only";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { Caller } from "./caller.ts";
import { compileKeyPolicy } from "./compile-key-policy.ts";
import { evaluateKeyPolicy } from "./evaluate-key-policy.ts";
import { requestConditionValues } from "./request-condition-values.ts";
import { roleAllows } from "./role-allows.ts";

export type PolicyLockoutOptions = {
  caller: Caller;
  /** The key's ARN (CreateKey: the one it will get). */
  keyArn: string;
  key: { origin: string; keySpec: string; keyUsage: string };
};

/**
 * The policy-lockout safety check of CreateKey and PutKeyPolicy (unless BypassPolicyLockoutSafetyCheck):
 * under the new policy the caller must still be allowed kms:PutKeyPolicy — named itself, or through
 * the account's statement with a role that allows it — and no Deny statement may take it away.
 */
export function checkPolicyLockout(policy: string, o: PolicyLockoutOptions): void {
  const action = "kms:PutKeyPolicy";
  const values = requestConditionValues(o.caller, action, o.key, { bypassPolicyLockoutSafetyCheck: false });
  const verdict = evaluateKeyPolicy(compileKeyPolicy(policy), { caller: o.caller, action, keyArn: o.keyArn, values });
  const allowed = verdict.allowed === "principal" || (verdict.allowed === "account" && roleAllows(o.caller, action));
  if (verdict.deniedBy || !allowed) {
    throw new KmsError("MalformedPolicyDocumentException", "The new key policy will not allow you to update the key policy in the future.");
  }
}
