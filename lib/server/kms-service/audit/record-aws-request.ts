import "server-only";
import type { CompletedRequest } from "@/lib/server/kms-service/wire/operation-types.ts";
import { enqueueAuditEvent } from "@/lib/server/platform/audit/audit-writer.ts";
import { redactRequestParameters } from "./redact-request-parameters.ts";
import { tallyRejectedRequest } from "./rejected-requests.ts";
import { requestResources } from "./request-resources.ts";

// The local endpoint's audit hook (HandleAwsRequestDeps.onCompleted): one CloudTrail-like AuditEvent
// for every authenticated request, successful or not; requests that failed authentication are counted
// per source address and window instead (rejected-requests.ts), so that anyone can not grow the log. Plaintext and secrets never reach the row:
// requestParameters go through redactRequestParameters, outputs are only read for resource ids, and
// error messages are the ones sent to the caller (which never carry secrets).

const EVENT_SOURCE = { kms: "kms.amazonaws.com", cloudhsm: "cloudhsm.amazonaws.com" } as const;
/** For requests that named neither service (no or unknown X-Amz-Target). */
export const UNKNOWN_EVENT_SOURCE = "keyhold.local-endpoint";

export function recordAwsRequest(event: CompletedRequest): void {
  if (!event.authenticated) {
    tallyRejectedRequest(event);
    return;
  }
  const { ctx } = event;
  enqueueAuditEvent({
    time: event.receivedAt,
    eventSource: event.service ? EVENT_SOURCE[event.service] : UNKNOWN_EVENT_SOURCE,
    eventName: eventName(event),
    requestId: ctx.requestId,
    principalArn: ctx.principalArn,
    accessKeyId: ctx.accessKeyId ?? null,
    sourceIp: ctx.sourceIp || null,
    userAgent: ctx.userAgent || null,
    requestParameters: redactRequestParameters(event.input),
    resources: requestResources(event.input, event.output, ctx),
    errorCode: event.errorCode ?? null,
    errorMessage: event.errorMessage?.slice(0, 2048) ?? null,
  });
}

function eventName(event: CompletedRequest): string {
  if (event.operation) return event.operation.slice(event.operation.indexOf(":") + 1);
  const op = event.target?.slice(event.target.indexOf(".") + 1) ?? "";
  return /^[A-Za-z0-9]{1,128}$/.test(op) ? op : "Unknown";
}
