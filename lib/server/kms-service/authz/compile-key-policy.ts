import "server-only";
import { accountRootArn } from "@/lib/server/kms-service/keys/key-arn.ts";
import { validateKeyPolicy } from "@/lib/server/kms-service/keys/key-policy.ts";
import type { Caller } from "./caller.ts";
import { wildcardMatches } from "./wildcard.ts";

// A key policy document turned into statements that can be matched quickly, cached per key and
// policy text (a key's policy changes only by PutKeyPolicy, and the request reads the current text
// with the key, so a changed policy is never matched from a stale compilation).
//
// How a statement's principal covers the caller:
//   "principal" — the statement names the caller itself: "*", {"AWS": "*"}, the caller's user ARN,
//                 or a NotPrincipal that leaves the caller in. The key policy alone decides.
//   "account"   — it names the caller's account (arn:aws:iam::<account>:root or the bare account id):
//                 the account's IAM, here the caller's console role, must allow the action too.

export type PrincipalMatch = "principal" | "account" | undefined;

export type CompiledStatement = {
  sid?: string;
  effect: "Allow" | "Deny";
  principal: (caller: Caller) => PrincipalMatch;
  action: (action: string) => boolean;
  resource: (arn: string) => boolean;
  /** The raw Condition element (policy-conditions.ts evaluates it per request). */
  condition: unknown;
};

function list(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function awsPrincipals(value: unknown): string[] {
  if (value === "*") return ["*"];
  if (typeof value !== "object" || value === null) return [];
  return list((value as Record<string, unknown>).AWS);
}

function matchPrincipal(ids: string[], caller: Caller): PrincipalMatch {
  let match: PrincipalMatch;
  for (const id of ids) {
    if (id === "*" || id === caller.principalArn) return "principal";
    if (id === caller.accountId || id === accountRootArn(caller.accountId)) match = "account";
  }
  return match;
}

function compileStatement(s: Record<string, unknown>): CompiledStatement {
  const principal: CompiledStatement["principal"] =
    s.Principal !== undefined
      ? (caller) => matchPrincipal(awsPrincipals(s.Principal), caller)
      : // NotPrincipal: everyone but the principals it lists (an account entry excludes only its root user).
        (caller) => (awsPrincipals(s.NotPrincipal).some((id) => id === "*" || id === caller.principalArn) ? undefined : "principal");
  const actions = list(s.Action ?? s.NotAction);
  const actionListed = (action: string) => actions.some((a) => wildcardMatches(a, action, { ignoreCase: true }));
  const resources = list(s.Resource ?? s.NotResource);
  const resourceListed = (arn: string) => resources.some((r) => wildcardMatches(r, arn));
  return {
    sid: typeof s.Sid === "string" ? s.Sid : undefined,
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    principal,
    action: s.Action !== undefined ? actionListed : (action) => !actionListed(action),
    resource: s.Resource !== undefined ? resourceListed : s.NotResource !== undefined ? (arn) => !resourceListed(arn) : () => true,
    condition: s.Condition,
  };
}

/** Compiles a policy document; one that no longer validates compiles to no statements (nothing allowed). */
export function compileKeyPolicy(policy: string): CompiledStatement[] {
  try {
    return validateKeyPolicy(policy).map(compileStatement);
  } catch {
    return [];
  }
}

const MAX_CACHED = 10_000;
const cache = new Map<string, { policy: string; statements: CompiledStatement[] }>();

/** The compiled policy of a key, from the cache when the key's policy text is the one compiled. */
export function keyPolicyStatements(key: { id: string; policy: string }): CompiledStatement[] {
  const hit = cache.get(key.id);
  if (hit && hit.policy === key.policy) return hit.statements;
  const statements = compileKeyPolicy(key.policy);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key.id, { policy: key.policy, statements });
  return statements;
}
