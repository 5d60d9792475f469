import "server-only";
import { KEY_POLICY_MAX_BYTES } from "@/lib/schemas/keys.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { accountRootArn } from "./key-arn.ts";

// Key policies: the AWS default policy, the syntax check (MalformedPolicyDocumentException) and the
// 32 KB document quota (LimitExceededException, spec §6.5). Policies are stored as given; authz/
// evaluates them on every request and holds the policy-lockout safety check.

export const DEFAULT_POLICY_NAME = "default";

/** The default key policy: the account's root principal may do kms:* (IAM policies then decide). */
export function defaultKeyPolicy(accountId: string): string {
  const policy = {
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: accountRootArn(accountId) },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
  return JSON.stringify(policy, null, 2);
}

type Statement = Record<string, unknown>;

function malformed(message: string): KmsError {
  return new KmsError("MalformedPolicyDocumentException", message);
}

const STATEMENT_MEMBERS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);
const AWS_PRINCIPAL = /^(\*|\d{12}|arn:aws[a-z-]*:(iam|sts)::\d{12}:[\w+=,.@/:-]+)$/;
const ACTION = /^(\*|[a-zA-Z0-9-]+:[A-Za-z0-9*?]+)$/;

function stringList(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")) return value as string[];
  return undefined;
}

function checkPrincipal(value: unknown): void {
  if (value === "*") return;
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.keys(value).length === 0) {
    throw malformed("Policy contains a statement with one or more invalid principals.");
  }
  for (const [type, v] of Object.entries(value)) {
    const ids = stringList(v);
    if (!PRINCIPAL_TYPES.has(type) || !ids) throw malformed("Policy contains a statement with one or more invalid principals.");
    if (type === "AWS" && !ids.every((id) => AWS_PRINCIPAL.test(id))) {
      throw malformed("Policy contains a statement with one or more invalid principals.");
    }
  }
}

function checkStatement(s: unknown): Statement {
  if (typeof s !== "object" || s === null || Array.isArray(s)) throw malformed("Each policy statement must be a JSON object.");
  const statement = s as Statement;
  for (const member of Object.keys(statement)) {
    if (!STATEMENT_MEMBERS.has(member)) throw malformed(`Policy statement has an unknown element: ${member}.`);
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    throw malformed("Policy statement Effect must be Allow or Deny.");
  }
  if ((statement.Principal === undefined) === (statement.NotPrincipal === undefined)) {
    throw malformed("Policy statement must contain exactly one of Principal or NotPrincipal.");
  }
  checkPrincipal(statement.Principal ?? statement.NotPrincipal);
  if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
    throw malformed("Policy statement must contain exactly one of Action or NotAction.");
  }
  const actions = stringList(statement.Action ?? statement.NotAction);
  if (!actions || !actions.every((a) => ACTION.test(a))) throw malformed("Policy statement contains an invalid action.");
  for (const member of ["Resource", "NotResource"]) {
    if (statement[member] !== undefined && !stringList(statement[member])) {
      throw malformed(`Policy statement ${member} must be a string or a list of strings.`);
    }
  }
  if (
    statement.Condition !== undefined &&
    (typeof statement.Condition !== "object" || statement.Condition === null || Array.isArray(statement.Condition))
  ) {
    throw malformed("Policy statement Condition must be a JSON object.");
  }
  if (statement.Sid !== undefined && typeof statement.Sid !== "string") throw malformed("Policy statement Sid must be a string.");
  return statement;
}

/** Parses and checks a key policy; returns its statements. */
export function validateKeyPolicy(policy: string): Statement[] {
  if (Buffer.byteLength(policy, "utf8") > KEY_POLICY_MAX_BYTES) {
    throw new KmsError("LimitExceededException", `The key policy exceeds the maximum size of ${KEY_POLICY_MAX_BYTES} bytes.`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw malformed("The key policy is not a valid JSON document.");
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw malformed("The key policy must be a JSON object.");
  const { Version, Id, Statement: statements, ...rest } = doc as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw malformed(`The key policy has an unknown element: ${Object.keys(rest)[0]}.`);
  if (Version !== undefined && Version !== "2012-10-17" && Version !== "2008-10-17") {
    throw malformed("The key policy Version must be 2012-10-17 or 2008-10-17.");
  }
  if (Id !== undefined && typeof Id !== "string") throw malformed("The key policy Id must be a string.");
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  if (list.length === 0) throw malformed("The key policy must contain at least one statement.");
  return list.map(checkStatement);
}
