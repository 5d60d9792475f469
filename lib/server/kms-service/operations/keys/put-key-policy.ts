import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, POLICY, POLICY_NAME } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { putLocalKeyPolicy } from "@/lib/server/kms-service/keys/put-key-policy.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const putKeyPolicyOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const policyName = r.string("PolicyName", POLICY_NAME);
  const policy = r.string("Policy", { ...POLICY, required: true });
  const bypassPolicyLockoutSafetyCheck = r.boolean("BypassPolicyLockoutSafetyCheck");
  r.finish();
  await putLocalKeyPolicy({
    scope: ctx,
    keyId,
    policyName,
    policy,
    bypassPolicyLockoutSafetyCheck,
  });
};
