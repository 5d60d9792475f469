import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { checkPolicyLockout } from "@/lib/server/kms-service/authz/check-policy-lockout.ts";
import { db } from "@/lib/server/platform/db.ts";
import { checkPolicyName } from "./get-key-policy.ts";
import { validateKeyPolicy } from "./key-policy.ts";
import { resolveKey } from "./resolve-key.ts";

export type PutLocalKeyPolicyOptions = {
  scope: CallerScope;
  keyId: string;
  policyName?: string;
  policy: string;
  bypassPolicyLockoutSafetyCheck?: boolean;
};

/**
 * Replaces the key policy (validated JSON, ≤ 32 KB, lockout-checked unless bypassed); every key state.
 * The next request reads the new text with the key, so it is in force at once.
 */
export async function putLocalKeyPolicy(o: PutLocalKeyPolicyOptions): Promise<void> {
  checkPolicyName(o.policyName);
  const key = await resolveKey({
    keyId: o.keyId,
    scope: o.scope,
    allowAlias: false,
    access: { action: "kms:PutKeyPolicy", facts: { bypassPolicyLockoutSafetyCheck: o.bypassPolicyLockoutSafetyCheck ?? false } },
  });
  validateKeyPolicy(o.policy);
  if (!o.bypassPolicyLockoutSafetyCheck) checkPolicyLockout(o.policy, { caller: o.scope, keyArn: key.arn, key });
  await db().kmsKey.update({ where: { id: key.id }, data: { policy: o.policy } });
}
