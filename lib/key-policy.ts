// The key policy the key-creation wizard generates, as the KMS console does: the account's root
// principal (so IAM policies can grant access and the key can never become unmanageable), the key
// administrators, and the key users with their cryptographic and grant permissions.

export type KeyPolicyInput = {
  accountId: string;
  keyAdministrators: string[];
  allowAdminsToDelete: boolean;
  keyUsers: string[];
  otherAccounts: string[];
};

const ADMIN_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
];

const USER_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const GRANT_ACTIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"];

function principals(ids: string[]): string | string[] {
  return ids.length === 1 ? ids[0]! : ids;
}

export function buildKeyPolicy(input: KeyPolicyInput): string {
  const statement: Record<string, unknown>[] = [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${input.accountId}:root` },
      Action: "kms:*",
      Resource: "*",
    },
  ];
  if (input.keyAdministrators.length > 0) {
    const actions = input.allowAdminsToDelete
      ? ADMIN_ACTIONS
      : ADMIN_ACTIONS.filter((a) => a !== "kms:ScheduleKeyDeletion" && a !== "kms:CancelKeyDeletion");
    statement.push({
      Sid: "Allow access for Key Administrators",
      Effect: "Allow",
      Principal: { AWS: principals(input.keyAdministrators) },
      Action: actions,
      Resource: "*",
    });
  }
  const users = [...input.keyUsers, ...input.otherAccounts.map((id) => `arn:aws:iam::${id}:root`)];
  if (users.length > 0) {
    statement.push(
      { Sid: "Allow use of the key", Effect: "Allow", Principal: { AWS: principals(users) }, Action: USER_ACTIONS, Resource: "*" },
      {
        Sid: "Allow attachment of persistent resources",
        Effect: "Allow",
        Principal: { AWS: principals(users) },
        Action: GRANT_ACTIONS,
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    );
  }
  return JSON.stringify({ Version: "2012-10-17", Id: "key-consolepolicy-keyhold", Statement: statement }, null, 2);
}
