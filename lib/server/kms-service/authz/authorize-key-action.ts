import "server-only";
import { grantsOfKey } from "@/lib/server/kms-service/grants/grants-of-key.ts";
import type { KeyRecord } from "@/lib/server/kms-service/keys/key-record.ts";
import { accessDenied } from "./access-denied.ts";
import type { Caller, KmsAction } from "./caller.ts";
import { keyPolicyStatements } from "./compile-key-policy.ts";
import { evaluateKeyPolicy } from "./evaluate-key-policy.ts";
import { grantsAllow } from "./grants/grant-allows.ts";
import { requestConditionValues, type RequestFacts } from "./request-condition-values.ts";
import { roleAllows } from "./role-allows.ts";

// The decision for one action on one KMS key, as KMS makes it:
//   1. a Deny statement of the key policy that applies → refused (nothing overrides it);
//   2. an Allow statement naming the caller (its ARN or "*"), or a grant to the caller → allowed;
//   3. an Allow statement or grant naming the caller's account → allowed if the account's IAM allows
//      it too; here IAM is the caller's console role (operation-permissions.ts);
//   4. otherwise refused, naming the policy that is missing.
// So a user named in a key policy can use the key whatever its role, and a key policy without the
// account statement shuts out even an administrator.

const GRANTABLE = new Set([
  "kms:Decrypt",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
  "kms:CreateGrant",
  "kms:RetireGrant",
  "kms:DescribeKey",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
]);

export type AuthorizeKeyActionOptions = { caller: Caller; key: KeyRecord; action: KmsAction; facts?: RequestFacts };

/** Throws AccessDeniedException unless the key's policy, its grants and the caller's role allow the action. */
export async function authorizeKeyAction({ caller, key, action, facts = {} }: AuthorizeKeyActionOptions): Promise<void> {
  const values = requestConditionValues(caller, action, key, facts);
  const policy = evaluateKeyPolicy(keyPolicyStatements(key), { caller, action, keyArn: key.arn, values });
  if (policy.deniedBy) throw accessDenied(caller.principalArn, action, "explicit-deny-in-resource-policy", key.arn);
  if (policy.allowed === "principal") return;
  // The account statement and a role that allows it settle it without the grants (no query).
  if (policy.allowed === "account" && roleAllows(caller, action)) return;

  const grant = GRANTABLE.has(action)
    ? grantsAllow(await grantsOfKey(key), {
        caller,
        action,
        encryptionContext: facts.encryptionContext,
        requestedGrant: facts.requestedGrant,
      })
    : undefined;
  if (grant === "principal") return;
  if (grant === "account" && roleAllows(caller, action)) return;
  const viaAccount = policy.allowed === "account" || grant === "account";
  throw accessDenied(caller.principalArn, action, viaAccount ? "no-identity-policy" : "no-resource-policy", key.arn);
}
