import "server-only";
import { applyRules, type Rule } from "./redact-request-parameters.ts";

// What of a KMS / CloudHSM answer goes into the audit log (responseElements), as CloudTrail records it:
// the answer of a state-changing call (CreateKey's KeyMetadata, CreateGrant's GrantId,
// ScheduleKeyDeletion's DeletionDate and KeyState …), and nothing for reads (Describe, List, Get) and
// cryptographic calls (Encrypt, Decrypt, GenerateDataKey, Sign, DeriveSharedSecret …), whose answers
// hold plaintext, ciphertext or key material. Members are kept by the same explicit list as request
// parameters: a member not named here (GrantToken, SharedSecret, a member added later) is left out.

const NO_ELEMENTS = /^(?:kms|cloudhsm):(?:Describe|List|Get|Encrypt|Decrypt|ReEncrypt|Generate|Sign|Verify|Derive)/;

const RULES: Record<string, Rule> = {
  // KMS (botocore kms 2014-11-01 output members of state-changing operations)
  CustomKeyStoreId: "keep",
  DeletionDate: "keep",
  GrantId: "keep",
  KeyId: "keep",
  KeyMaterialId: "keep",
  KeyMetadata: "keep",
  KeyState: "keep",
  PendingWindowInDays: "keep",
  ReplicaKeyMetadata: "keep",
  ReplicaPolicy: "keep",
  ReplicaTags: "keep",
  // CloudHSM v2
  Backup: "keep",
  Cluster: "keep",
  DestinationBackup: "keep",
  Hsm: "keep",
  HsmId: "keep",
  Policy: "keep",
  ResourceArn: "keep",
  State: "keep",
  StateMessage: "keep",
};

/** The answer's members as they may be stored; undefined for reads, cryptographic calls and empty answers. */
export function redactResponseElements(
  operation: string | undefined,
  output: Record<string, unknown> | undefined | void,
): Record<string, unknown> | undefined {
  if (!output || !operation || NO_ELEMENTS.test(operation)) return undefined;
  const out = applyRules(output, RULES);
  return Object.keys(out).length > 0 ? out : undefined;
}
