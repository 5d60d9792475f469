import "server-only";
import type { KeyGrant } from "@/lib/generated/prisma-sqlite/client.ts";
import type { EncryptionContext } from "@/lib/server/kms-service/crypto/encryption-context.ts";

// Grants as the service uses them: the stored row with its JSON members parsed.

/** GrantOperation, verbatim from the model, in its order. */
export const GRANT_OPERATIONS = [
  "Decrypt",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "ReEncryptFrom",
  "ReEncryptTo",
  "Sign",
  "Verify",
  "GetPublicKey",
  "CreateGrant",
  "RetireGrant",
  "DescribeKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateMac",
  "VerifyMac",
  "DeriveSharedSecret",
] as const;

/** The grant operations a symmetric encryption key supports (the only kind of key here). */
export const SYMMETRIC_GRANT_OPERATIONS: ReadonlySet<string> = new Set([
  "Decrypt",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "ReEncryptFrom",
  "ReEncryptTo",
  "CreateGrant",
  "RetireGrant",
  "DescribeKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
]);

/** The operations that take an encryption context, the only ones its grant constraints apply to. */
export const ENCRYPTION_CONTEXT_OPERATIONS: ReadonlySet<string> = new Set([
  "Decrypt",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "ReEncryptFrom",
  "ReEncryptTo",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
]);

export type GrantConstraints = {
  EncryptionContextEquals?: EncryptionContext;
  EncryptionContextSubset?: EncryptionContext;
  SourceArn?: string;
};

export type Grant = {
  id: string;
  keyId: string;
  name?: string;
  granteePrincipal?: string;
  granteeServicePrincipal?: string;
  retiringPrincipal?: string;
  retiringServicePrincipal?: string;
  operations: string[];
  constraints?: GrantConstraints;
  issuingAccount: string;
  createdAt: Date;
};

export function toGrant(row: KeyGrant): Grant {
  return {
    id: row.id,
    keyId: row.keyId,
    name: row.name ?? undefined,
    granteePrincipal: row.granteePrincipal ?? undefined,
    granteeServicePrincipal: row.granteeServicePrincipal ?? undefined,
    retiringPrincipal: row.retiringPrincipal ?? undefined,
    retiringServicePrincipal: row.retiringServicePrincipal ?? undefined,
    operations: JSON.parse(row.operations) as string[],
    constraints: row.constraints ? (JSON.parse(row.constraints) as GrantConstraints) : undefined,
    issuingAccount: row.issuingAccount,
    createdAt: row.createdAt,
  };
}
