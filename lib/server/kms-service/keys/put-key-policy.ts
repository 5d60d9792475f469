import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { checkPolicyName } from "./get-key-policy.ts";
import type { ServiceScope } from "./key-arn.ts";
import { checkPolicyLockout, validateKeyPolicy } from "./key-policy.ts";
import { resolveKey } from "./resolve-key.ts";

export type PutLocalKeyPolicyOptions = {
  scope: ServiceScope;
  callerArn: string;
  keyId: string;
  policyName?: string;
  policy: string;
  bypassPolicyLockoutSafetyCheck?: boolean;
};

/** Replaces the key policy (validated JSON, ≤ 32 KB, lockout-checked unless bypassed); every key state. */
export async function putLocalKeyPolicy(o: PutLocalKeyPolicyOptions): Promise<void> {
  checkPolicyName(o.policyName);
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false });
  const statements = validateKeyPolicy(o.policy);
  if (!o.bypassPolicyLockoutSafetyCheck) {
    checkPolicyLockout(statements, { principalArn: o.callerArn, accountId: o.scope.accountId });
  }
  await db().kmsKey.update({ where: { id: key.id }, data: { policy: o.policy } });
}
