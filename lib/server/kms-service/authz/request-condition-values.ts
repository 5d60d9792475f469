import "server-only";
import type { EncryptionContext } from "@/lib/server/kms-service/crypto/encryption-context.ts";
import type { Caller, KmsAction } from "./caller.ts";
import type { RequestedGrant } from "./grants/grant-allows.ts";
import type { ConditionValues } from "./policy-conditions.ts";

// The condition keys a request has, for key-policy conditions (names compared in lower case):
//   aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType, aws:username;
//   kms:CallerAccount; kms:ViaService (never: no AWS service calls this service);
//   kms:EncryptionContext:<key> and kms:EncryptionContextKeys — the request's encryption context, for
//     CreateGrant the one in the requested grant's constraint (absent when empty);
//   kms:GrantIsForAWSResource (false for CreateGrant, ListGrants and RevokeGrant: callers here are
//     never AWS services), kms:GrantOperations, kms:GranteePrincipal, kms:RetiringPrincipal,
//     kms:GrantConstraintType (CreateGrant);
//   kms:KeyOrigin, kms:KeySpec, kms:KeyUsage (the key's); kms:BypassPolicyLockoutSafetyCheck (PutKeyPolicy).

/** What the operation knows about its request beyond caller and key. */
export type RequestFacts = {
  encryptionContext?: EncryptionContext;
  /** CreateGrant: the grant asked for. */
  requestedGrant?: RequestedGrant & { granteePrincipal?: string; retiringPrincipal?: string };
  bypassPolicyLockoutSafetyCheck?: boolean;
};

type KeyFacts = { origin: string; keySpec: string; keyUsage: string };

const GRANT_ACTIONS = new Set(["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]);

export function requestConditionValues(caller: Caller, action: KmsAction, key: KeyFacts, facts: RequestFacts = {}): ConditionValues {
  const grant = facts.requestedGrant;
  const context =
    action === "kms:CreateGrant"
      ? (grant?.constraints?.EncryptionContextEquals ?? grant?.constraints?.EncryptionContextSubset)
      : facts.encryptionContext;
  const contextPairs = Object.entries(context ?? {});
  const one = (v: string | undefined) => (v === undefined ? undefined : [v]);
  const fixed: Record<string, readonly string[] | undefined> = {
    "aws:principalarn": [caller.principalArn],
    "aws:principalaccount": [caller.accountId],
    "aws:principaltype": ["User"],
    "aws:username": one(/:user\/(?:.*\/)?([^/]+)$/.exec(caller.principalArn)?.[1]),
    "kms:calleraccount": [caller.accountId],
    "kms:encryptioncontextkeys": contextPairs.length ? contextPairs.map(([k]) => k) : undefined,
    "kms:grantisforawsresource": GRANT_ACTIONS.has(action) ? ["false"] : undefined,
    "kms:grantoperations": grant?.operations,
    "kms:granteeprincipal": one(grant?.granteePrincipal),
    "kms:retiringprincipal": one(grant?.retiringPrincipal),
    "kms:grantconstrainttype": grant
      ? (["EncryptionContextEquals", "EncryptionContextSubset"] as const).filter((t) => grant.constraints?.[t] !== undefined)
      : undefined,
    "kms:keyorigin": [key.origin],
    "kms:keyspec": [key.keySpec],
    "kms:keyusage": [key.keyUsage],
    "kms:bypasspolicylockoutsafetycheck":
      facts.bypassPolicyLockoutSafetyCheck === undefined ? undefined : [String(facts.bypassPolicyLockoutSafetyCheck)],
  };
  const CONTEXT_PREFIX = "kms:encryptioncontext:";
  return (name) => {
    if (name.startsWith(CONTEXT_PREFIX)) {
      // The context key is part of the condition key's name, which is not case sensitive.
      const wanted = name.slice(CONTEXT_PREFIX.length);
      const found = contextPairs.filter(([k]) => k.toLowerCase() === wanted).map(([, v]) => v);
      return found.length ? found : undefined;
    }
    return Object.hasOwn(fixed, name) ? fixed[name] : undefined;
  };
}
