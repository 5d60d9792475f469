import "server-only";
import type { GrantConstraints } from "@/lib/server/kms-service/grants/grant-types.ts";
import { GRANT_OPERATIONS } from "@/lib/server/kms-service/grants/grant-types.ts";
import type { InputReader, StringRule } from "./input-reader.ts";

// The botocore shapes of the grant operations (CreateGrant, ListGrants, ListRetirableGrants,
// RetireGrant, RevokeGrant) as InputReader rules.

export const GRANT_ID: StringRule = { min: 1, max: 128 };
export const GRANT_NAME: StringRule = { min: 1, max: 256, pattern: "^[a-zA-Z0-9:/_-]+$" };
export const GRANT_TOKEN_MEMBER: StringRule = { min: 1, max: 8192 };
export const PRINCIPAL_ID: StringRule = { min: 1, max: 256, pattern: "^[\\w+=,.@:/-]+$" };
export const SERVICE_PRINCIPAL: StringRule = { min: 1, max: 128, pattern: "^([A-Za-z0-9\\-]+)\\.([A-Za-z0-9\\-]+)(\\.[A-Za-z0-9\\-]+)+$" };
export const GRANT_CONSTRAINT_SOURCE_ARN: StringRule = {
  min: 20,
  max: 512,
  pattern: "^arn:aws[a-z0-9-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{12}:.+$",
};
export const GRANT_OPERATION: StringRule = { enum: GRANT_OPERATIONS };

function stringMap(reader: InputReader, path: string, value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value) || !Object.values(value).every((v) => typeof v === "string")) {
    reader.violation(path, undefined, "Member must be a map of strings to strings");
    return undefined;
  }
  return value as Record<string, string>;
}

/** The Constraints structure of CreateGrant, or undefined (violations are recorded on the reader). */
export function readGrantConstraints(reader: InputReader): GrantConstraints | undefined {
  const raw = reader.raw("Constraints");
  if (raw === undefined) return undefined;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    reader.violation("constraints", undefined, "Member must be a structure");
    return undefined;
  }
  const { EncryptionContextEquals, EncryptionContextSubset, SourceArn, ...unknown } = raw as Record<string, unknown>;
  for (const name of Object.keys(unknown)) reader.violation(`constraints.${name}`, undefined, "Member is not part of GrantConstraints");
  const constraints: GrantConstraints = {
    EncryptionContextEquals: stringMap(reader, "constraints.encryptionContextEquals", EncryptionContextEquals),
    EncryptionContextSubset: stringMap(reader, "constraints.encryptionContextSubset", EncryptionContextSubset),
  };
  if (SourceArn !== undefined && SourceArn !== null) {
    if (typeof SourceArn !== "string") reader.violation("constraints.sourceArn", undefined, "Member must be a string");
    else if (reader.checkString("constraints.sourceArn", SourceArn, GRANT_CONSTRAINT_SOURCE_ARN)) constraints.SourceArn = SourceArn;
  }
  return constraints;
}
