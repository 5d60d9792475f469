import "server-only";
import type { EncryptionContext } from "@/lib/server/kms-service/crypto/encryption-context.ts";
import { accountRootArn } from "@/lib/server/kms-service/keys/key-arn.ts";
import { ENCRYPTION_CONTEXT_OPERATIONS, type Grant, type GrantConstraints } from "@/lib/server/kms-service/grants/grant-types.ts";
import type { Caller, KmsAction } from "../caller.ts";
import type { PrincipalMatch } from "../compile-key-policy.ts";

// Whether one of a key's grants allows a request. A grant allows its operations to its grantee:
// the caller's own ARN ("principal"), or the caller's account ("account": the account's IAM, here
// the console role, must allow the action as well). Encryption context constraints apply to the
// operations that take an encryption context; in a constraint the keys are not case sensitive and
// the values are. A grant that allows CreateGrant allows only grants no wider than itself: a subset
// of its operations under an equally strict or stricter constraint.

/** What CreateGrant asks for, when the request is a CreateGrant. */
export type RequestedGrant = { operations: string[]; constraints?: GrantConstraints };

export type GrantRequest = {
  caller: Caller;
  action: KmsAction;
  encryptionContext?: EncryptionContext;
  requestedGrant?: RequestedGrant;
};

function lowerKeys(context: EncryptionContext | undefined): Map<string, string> {
  return new Map(Object.entries(context ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

/** `context` holds every pair of `required` (keys compared case-insensitively). */
function includesPairs(context: EncryptionContext | undefined, required: EncryptionContext): boolean {
  const have = lowerKeys(context);
  return Object.entries(required).every(([k, v]) => have.get(k.toLowerCase()) === v);
}

function samePairs(a: EncryptionContext | undefined, b: EncryptionContext): boolean {
  return Object.keys(a ?? {}).length === Object.keys(b).length && includesPairs(a, b);
}

export function constraintsHold(constraints: GrantConstraints | undefined, context: EncryptionContext | undefined): boolean {
  if (constraints?.EncryptionContextEquals && !samePairs(context, constraints.EncryptionContextEquals)) return false;
  if (constraints?.EncryptionContextSubset && !includesPairs(context, constraints.EncryptionContextSubset)) return false;
  return true;
}

/** A grant created under `parent`'s CreateGrant permission is no wider than the parent. */
function noWiderThan(parent: Grant, child: RequestedGrant): boolean {
  if (!child.operations.every((op) => parent.operations.includes(op))) return false;
  const equals = parent.constraints?.EncryptionContextEquals;
  const subset = parent.constraints?.EncryptionContextSubset;
  const c = child.constraints ?? {};
  if (equals) return c.EncryptionContextEquals !== undefined && samePairs(c.EncryptionContextEquals, equals);
  if (subset) {
    const own = c.EncryptionContextEquals ?? c.EncryptionContextSubset;
    return own !== undefined && includesPairs(own, subset);
  }
  return true;
}

function grantee(grant: Grant, caller: Caller): PrincipalMatch {
  const g = grant.granteePrincipal;
  if (g === undefined) return undefined; // a service principal: no caller here is an AWS service
  if (g === caller.principalArn) return "principal";
  if (g === caller.accountId || g === accountRootArn(caller.accountId)) return "account";
  return undefined;
}

/** The strongest way any of `grants` allows the request, if one does. */
export function grantsAllow(grants: readonly Grant[], request: GrantRequest): PrincipalMatch {
  const operation = request.action.slice("kms:".length);
  let allowed: PrincipalMatch;
  for (const grant of grants) {
    if (!grant.operations.includes(operation)) continue;
    const who = grantee(grant, request.caller);
    if (!who || allowed === "principal") continue;
    if (ENCRYPTION_CONTEXT_OPERATIONS.has(operation) && !constraintsHold(grant.constraints, request.encryptionContext)) continue;
    if (operation === "CreateGrant" && request.requestedGrant && !noWiderThan(grant, request.requestedGrant)) continue;
    allowed = who;
  }
  return allowed;
}
