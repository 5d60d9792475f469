import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { DEFAULT_POLICY_NAME } from "./key-policy.ts";
import { resolveKey } from "./resolve-key.ts";

export type GetKeyPolicyOptions = { scope: CallerScope; keyId: string; policyName?: string };

export function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== DEFAULT_POLICY_NAME) {
    throw new KmsError("NotFoundException", `No such policy exists: ${name}. The only key policy name is "${DEFAULT_POLICY_NAME}".`);
  }
}

/** The key's policy document, exactly as stored; every key state. */
export async function getKeyPolicy(o: GetKeyPolicyOptions): Promise<{ policy: string; policyName: string }> {
  checkPolicyName(o.policyName);
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:GetKeyPolicy" } });
  return { policy: key.policy, policyName: DEFAULT_POLICY_NAME };
}
