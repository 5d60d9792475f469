import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, POLICY_NAME } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { getKeyPolicy } from "@/lib/server/kms-service/keys/get-key-policy.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const getKeyPolicyOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const policyName = r.string("PolicyName", POLICY_NAME);
  r.finish();
  const { policy, policyName: name } = await getKeyPolicy({ scope: ctx, keyId, policyName });
  return { Policy: policy, PolicyName: name };
};
