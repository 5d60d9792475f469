import "server-only";
import type { OperationKey } from "@/lib/server/kms-service/wire/operation-types.ts";

// The operations on one KMS key that its key policy and grants decide (with the console role only
// where they delegate to the account), as KMS lists "Required permissions: kms:… (key policy)". The
// role is not asked before they run: their domain functions authorise on the key they resolve
// (resolve-key.ts requires an action for every key it looks up). The alias operations are not here:
// they need the role for the alias (IAM, as in KMS) and then the key policy of each key involved.
// RetireGrant is decided by the grant itself (retire-grant.ts). Everything else — ListKeys, CreateKey,
// ListAliases, ListRetirableGrants, GenerateRandom, custom key stores, CloudHSM — is the role's alone.
export const KEY_POLICY_OPERATIONS: ReadonlySet<OperationKey> = new Set<OperationKey>([
  "kms:DescribeKey",
  "kms:GetKeyPolicy",
  "kms:PutKeyPolicy",
  "kms:GetKeyRotationStatus",
  "kms:ListResourceTags",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:EnableKey",
  "kms:DisableKey",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:UpdateKeyDescription",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:CreateGrant",
  "kms:ListGrants",
  "kms:RevokeGrant",
  "kms:RetireGrant",
]);
