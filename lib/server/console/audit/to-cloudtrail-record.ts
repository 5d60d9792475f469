import "server-only";
import { env } from "@/lib/server/platform/env.ts";
import { parseJson, userNameOf, type AuditEventRow } from "./to-audit-event.ts";

// One audit row as a CloudTrail record (the shape of a KMS event in a trail), for the export.
// responseElements as recorded: the redacted answer of a state-changing call, null for reads and
// cryptographic calls (kms-service/audit/redact-response-elements.ts).

const READ_ONLY = /^(?:Describe|List|Get|Encrypt|Decrypt|ReEncrypt|Generate|Sign|Verify)/;

function resourceType(arn: string): string {
  if (/:kms:[^:]*:\d+:key\//.test(arn)) return "AWS::KMS::Key";
  if (/:kms:[^:]*:\d+:alias\//.test(arn)) return "AWS::KMS::Alias";
  if (arn.startsWith("cks-")) return "AWS::KMS::CustomKeyStore";
  if (arn.startsWith("cluster-")) return "AWS::CloudHSM::Cluster";
  if (arn.startsWith("hsm-")) return "AWS::CloudHSM::Hsm";
  if (arn.startsWith("backup-")) return "AWS::CloudHSM::Backup";
  if (/^arn:aws:iam::\d+:user\//.test(arn)) return "AWS::IAM::User";
  return "AWS::Unknown";
}

export function toCloudTrailRecord(row: AuditEventRow, userIds: ReadonlyMap<string, string>): Record<string, unknown> {
  const { KEYHOLD_ACCOUNT_ID: accountId, KEYHOLD_REGION: awsRegion } = env();
  const userName = userNameOf(row.principalArn);
  const resources = parseJson(row.resources);
  const consoleSignIn = row.eventName === "ConsoleLogin" || row.eventName === "ConsoleLogout";
  return {
    eventVersion: "1.08",
    userIdentity: userName
      ? {
          type: "IAMUser",
          principalId: userIds.get(userName) ?? userName,
          arn: row.principalArn,
          accountId,
          ...(row.accessKeyId ? { accessKeyId: row.accessKeyId } : {}),
          userName,
        }
      : { type: "Unknown", ...(row.accessKeyId ? { accessKeyId: row.accessKeyId } : {}) },
    eventTime: row.time.toISOString().replace(/\.\d{3}Z$/, "Z"),
    eventSource: row.eventSource,
    eventName: row.eventName,
    awsRegion,
    sourceIPAddress: row.sourceIp,
    userAgent: row.userAgent,
    ...(row.errorCode ? { errorCode: row.errorCode, errorMessage: row.errorMessage } : {}),
    requestParameters: parseJson(row.requestParameters),
    responseElements: parseJson(row.responseElements),
    requestID: row.requestId,
    eventID: row.id,
    readOnly: READ_ONLY.test(row.eventName),
    resources: Array.isArray(resources)
      ? resources.filter((r): r is string => typeof r === "string").map((ARN) => ({ accountId, type: resourceType(ARN), ARN }))
      : [],
    eventType: consoleSignIn ? "AwsConsoleSignIn" : "AwsApiCall",
    managementEvent: true,
    recipientAccountId: accountId,
    eventCategory: "Management",
  };
}
