import "server-only";
import type { Caller, KmsAction } from "./caller.ts";
import type { CompiledStatement, PrincipalMatch } from "./compile-key-policy.ts";
import { conditionHolds, type ConditionValues } from "./policy-conditions.ts";

// One request against one key policy: does a statement explicitly deny it, and how is it allowed —
// by a statement naming the caller (or everyone), or only by one naming the caller's account, which
// leaves the decision to the account's IAM (authorize-key-action.ts).
//
// A condition with an operator this service cannot evaluate fails closed: such an Allow statement
// does not apply, such a Deny statement does.

export type KeyPolicyRequest = { caller: Caller; action: KmsAction; keyArn: string; values: ConditionValues };

export type KeyPolicyVerdict = {
  /** The first Deny statement that applies, if any: an explicit deny wins over every allow. */
  deniedBy?: CompiledStatement;
  /** The strongest Allow that applies: "principal" beats "account". */
  allowed: PrincipalMatch;
};

export function evaluateKeyPolicy(statements: readonly CompiledStatement[], request: KeyPolicyRequest): KeyPolicyVerdict {
  let allowed: PrincipalMatch;
  for (const s of statements) {
    const who = s.principal(request.caller);
    if (!who || !s.action(request.action) || !s.resource(request.keyArn)) continue;
    const holds = conditionHolds(s.condition, request.values);
    if (s.effect === "Deny") {
      if (holds !== false) return { deniedBy: s, allowed: undefined };
    } else if (holds === true && allowed !== "principal") {
      allowed = who;
    }
  }
  return { allowed };
}
