import "server-only";
import type { AuditEvent } from "@/lib/schemas/audit.ts";
import { STATUS_SERVICE_USER } from "@/lib/server/console/status/status-clients.ts";

/** The local endpoint's aggregate of unauthenticated requests (kms-service/audit/rejected-requests.ts). */
const REJECTED_REQUESTS = "RejectedRequests";

export type AuditEventRow = {
  id: string;
  time: Date;
  eventSource: string;
  eventName: string;
  principalArn: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  requestParameters: string | null;
  responseElements: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  resources: string | null;
  requestId: string;
};

/** A JSON column as its value (text that is not JSON as itself). */
export function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The user name of an IAM user ARN (arn:aws:iam::<account>:user/<name>), else null. */
export function userNameOf(arn: string | null): string | null {
  const m = arn ? /^arn:aws:iam::\d+:user\/(.+)$/.exec(arn) : null;
  return m ? m[1]! : null;
}

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  const resources = parseJson(row.resources);
  return {
    eventId: row.id,
    eventTime: row.time.toISOString(),
    eventSource: row.eventSource,
    eventName: row.eventName,
    userName: userNameOf(row.principalArn),
    principalArn: row.principalArn,
    accessKeyId: row.accessKeyId,
    sourceIp: row.sourceIp,
    userAgent: row.userAgent,
    requestId: row.requestId,
    requestParameters: parseJson(row.requestParameters),
    responseElements: parseJson(row.responseElements),
    resources: Array.isArray(resources) ? resources.filter((r): r is string => typeof r === "string") : [],
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    system: userNameOf(row.principalArn) === STATUS_SERVICE_USER,
    aggregated: row.eventName === REJECTED_REQUESTS,
  };
}
