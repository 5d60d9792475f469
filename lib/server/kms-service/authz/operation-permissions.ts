import "server-only";
import type { Permission } from "@/lib/server/platform/identity/permissions.ts";
import type { OperationKey } from "@/lib/server/kms-service/wire/operation-types.ts";

// What each operation of the local service needs from the caller's console role, the local stand-in
// for IAM identity policies: the same permission the console's own API route for that action asks
// for (reads need *:read; changes and cryptography need *:write). An operation missing here is refused.
// For the operations on one key (key-policy-operations.ts) the role counts only where the key policy
// or a grant delegates to the account (authorize-key-action.ts).
export const OPERATION_PERMISSIONS: Readonly<Record<string, Permission>> = {
  "kms:DescribeCustomKeyStores": "keyStores:read",
  "kms:CreateCustomKeyStore": "keyStores:write",
  "kms:UpdateCustomKeyStore": "keyStores:write",
  "kms:ConnectCustomKeyStore": "keyStores:write",
  "kms:DisconnectCustomKeyStore": "keyStores:write",
  "kms:DeleteCustomKeyStore": "keyStores:write",

  "kms:DescribeKey": "keys:read",
  "kms:ListKeys": "keys:read",
  "kms:ListAliases": "keys:read",
  "kms:ListResourceTags": "keys:read",
  "kms:GetKeyPolicy": "keys:read",
  "kms:GetKeyRotationStatus": "keys:read",
  "kms:CreateKey": "keys:write",
  "kms:EnableKey": "keys:write",
  "kms:DisableKey": "keys:write",
  "kms:ScheduleKeyDeletion": "keys:write",
  "kms:CancelKeyDeletion": "keys:write",
  "kms:UpdateKeyDescription": "keys:write",
  "kms:CreateAlias": "keys:write",
  "kms:UpdateAlias": "keys:write",
  "kms:DeleteAlias": "keys:write",
  "kms:TagResource": "keys:write",
  "kms:UntagResource": "keys:write",
  "kms:PutKeyPolicy": "keys:write",

  "kms:CreateGrant": "keys:write",
  "kms:ListGrants": "keys:read",
  "kms:ListRetirableGrants": "keys:read",
  "kms:RetireGrant": "keys:write",
  "kms:RevokeGrant": "keys:write",

  "kms:Encrypt": "keys:write",
  "kms:Decrypt": "keys:write",
  "kms:ReEncrypt": "keys:write",
  "kms:GenerateDataKey": "keys:write",
  "kms:GenerateDataKeyWithoutPlaintext": "keys:write",
  "kms:GenerateRandom": "keys:write",

  "cloudhsm:DescribeClusters": "clusters:read",
  "cloudhsm:DescribeBackups": "clusters:read",
  "cloudhsm:CreateHsm": "clusters:write",
  "cloudhsm:DeleteHsm": "clusters:write",
  "cloudhsm:DeleteCluster": "clusters:write",
} satisfies Partial<Record<OperationKey, Permission>>;
