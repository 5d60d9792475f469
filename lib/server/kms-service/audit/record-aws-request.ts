import "server-only";
import type { CompletedRequest } from "@/lib/server/kms-service/wire/operation-types.ts";
import { enqueueAuditEvent } from "@/lib/server/platform/audit/audit-writer.ts";
import { env } from "@/lib/server/platform/env.ts";
import { benchSpansOn, recordSpan } from "@/lib/server/platform/bench-spans.ts";
import { redactRequestParameters } from "./redact-request-parameters.ts";
import { redactResponseElements } from "./redact-response-elements.ts";
import { tallyRejectedRequest } from "./rejected-requests.ts";
import { requestResources } from "./request-resources.ts";

// The local endpoint's audit hook (HandleAwsRequestDeps.onCompleted): one CloudTrail-like AuditEvent
// for every authenticated request, successful or not; requests that failed authentication are counted
// per source address and window instead (rejected-requests.ts), so that nobody can grow the log
// without limit. Plaintext and secrets never reach the row: requestParameters go through
// redactRequestParameters, outputs only through redactResponseElements (state-changing calls) and for
// resource ids, and error messages are the ones
// sent to the caller (which never carry secrets).

const EVENT_SOURCE = { kms: "kms.amazonaws.com", cloudhsm: "cloudhsm.amazonaws.com" } as const;
/** For requests that named neither service (no or unknown X-Amz-Target). */
export const UNKNOWN_EVENT_SOURCE = "keyhold.local-endpoint";

// Operations that change nothing: reads and the cryptographic (data plane) operations. Every other
// operation's event is durable, written before the caller is answered (audit-writer.ts).
const READ_ONLY = /^(?:kms|cloudhsm):(?:Describe|List|Get|Encrypt|Decrypt|ReEncrypt|Generate|Sign|Verify)/;

/** True when the event of this operation must be committed before the caller is answered. */
export function isDurableOperation(operation: string | undefined): boolean {
  if (env().KEYHOLD_AUDIT_DURABLE === "all") return true;
  if (operation === undefined) return false;
  let durable = durableByOperation.get(operation);
  if (durable === undefined) {
    durable = !READ_ONLY.test(operation);
    // Bounded: an unknown operation a caller names is tested, not remembered, once the map is full.
    if (durableByOperation.size < 512) durableByOperation.set(operation, durable);
  }
  return durable;
}

const durableByOperation = new Map<string, boolean>();

export function recordAwsRequest(event: CompletedRequest): Promise<void> | undefined {
  if (!event.authenticated) {
    tallyRejectedRequest(event);
    return undefined;
  }
  const { ctx } = event;
  // The bench's view of the audit event's cost: the clock starts before enqueueAuditEvent, which may
  // already write the batch of a durable event before it returns.
  const t = benchSpansOn() && event.operation === "kms:CreateKey" ? performance.now() : undefined;
  const written = enqueueAuditEvent(
    {
      time: event.receivedAt,
      eventSource: event.service ? EVENT_SOURCE[event.service] : UNKNOWN_EVENT_SOURCE,
      eventName: eventName(event),
      requestId: ctx.requestId,
      principalArn: ctx.principalArn,
      accessKeyId: ctx.accessKeyId ?? null,
      sourceIp: ctx.sourceIp || null,
      userAgent: ctx.userAgent || null,
      requestParameters: redactRequestParameters(event.input),
      responseElements: redactResponseElements(event.operation, event.output),
      resources: requestResources(event.input, event.output, ctx),
      errorCode: event.errorCode ?? null,
      errorMessage: event.errorMessage?.slice(0, 2048) ?? null,
    },
    { durable: isDurableOperation(event.operation) },
  );
  return t !== undefined ? timedForBench(t, written, event) : written;
}

/** How long a CreateKey waited for its audit event (bench/create-key.bench.ts). */
async function timedForBench(t: number, written: Promise<void> | undefined, event: CompletedRequest): Promise<void> {
  await written;
  const origin = typeof event.input?.Origin === "string" ? event.input.Origin : "AWS_KMS";
  recordSpan(`CreateKey ${origin}`, "audit event: queued and committed (durable, after the operation)", performance.now() - t);
}

function eventName(event: CompletedRequest): string {
  if (event.operation) return event.operation.slice(event.operation.indexOf(":") + 1);
  const op = event.target?.slice(event.target.indexOf(".") + 1) ?? "";
  return /^[A-Za-z0-9]{1,128}$/.test(op) ? op : "Unknown";
}
