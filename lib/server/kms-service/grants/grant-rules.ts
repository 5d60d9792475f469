import "server-only";
import { validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { SYMMETRIC_GRANT_OPERATIONS, type GrantConstraints } from "./grant-types.ts";

// What CreateGrant accepts beyond the model's shapes (the CreateGrant and GrantConstraints docs):
// principals are AWS account or IAM ARNs; each encryption context constraint holds at most 8 pairs
// with values of at most 384 characters, and only one kind of constraint is given; the operations
// are ones the key supports (every key here is a symmetric encryption key).

const MAX_CONSTRAINT_PAIRS = 8;
const MAX_CONSTRAINT_VALUE = 384;
const AWS_PRINCIPAL = /^(\d{12}|arn:aws[a-z-]*:(iam|sts)::\d{12}:[\w+=,.@/:-]+)$/;

/** An account id or an IAM/STS principal ARN; anything else is InvalidArnException. */
export function checkPrincipalArn(value: string | undefined): void {
  if (value !== undefined && !AWS_PRINCIPAL.test(value)) {
    throw new KmsError("InvalidArnException", "The request was rejected because a specified ARN, or an ARN in a key policy, is not valid.");
  }
}

/** Constraints as stored: empty maps dropped, undefined when nothing is left. */
export function normalizeConstraints(c: GrantConstraints | undefined): GrantConstraints | undefined {
  const equals = c?.EncryptionContextEquals && Object.keys(c.EncryptionContextEquals).length ? c.EncryptionContextEquals : undefined;
  const subset = c?.EncryptionContextSubset && Object.keys(c.EncryptionContextSubset).length ? c.EncryptionContextSubset : undefined;
  if (equals && subset) throw validationError("A grant constraint can be EncryptionContextEquals or EncryptionContextSubset, not both.");
  const context = equals ?? subset;
  if (context && Object.keys(context).length > MAX_CONSTRAINT_PAIRS) {
    throw validationError(`An encryption context grant constraint can include at most ${MAX_CONSTRAINT_PAIRS} pairs.`);
  }
  if (context && Object.values(context).some((v) => v.length > MAX_CONSTRAINT_VALUE)) {
    throw validationError(`An encryption context value in a grant constraint can have at most ${MAX_CONSTRAINT_VALUE} characters.`);
  }
  const out: GrantConstraints = {};
  if (equals) out.EncryptionContextEquals = equals;
  if (subset) out.EncryptionContextSubset = subset;
  if (c?.SourceArn) out.SourceArn = c.SourceArn;
  return Object.keys(out).length ? out : undefined;
}

/** The distinct operations, in the order given; each must suit the key (ValidationException). */
export function checkGrantOperations(operations: readonly string[], key: { keySpec: string; keyUsage: string }): string[] {
  if (operations.length === 0) throw validationError("Operations must name at least one grant operation.");
  const invalid = operations.filter((op) => !SYMMETRIC_GRANT_OPERATIONS.has(op));
  if (invalid.length) {
    throw validationError(
      `Grant operations ${invalid.join(", ")} are not valid for a KMS key with key spec ${key.keySpec} and key usage ${key.keyUsage}.`,
    );
  }
  return [...new Set(operations)];
}

/** Canonical JSON (sorted object keys) to compare grants for CreateGrant's Name idempotency. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
