import "server-only";
import { isAppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { SIGNING_NAME, parseTarget, serviceOfTarget, type AwsService } from "./aws-target.ts";
import { header, normalizeHeaders, type AwsHttpRequest, type AwsHttpResponse } from "@/lib/server/platform/sigv4/http-types.ts";
import { JSON_CONTENT_TYPE, checkContentType, decodeJsonBody, encodeErrorBody, encodeJsonBody } from "./json-codec.ts";
import { isServerFault, wireStatus } from "@/lib/server/platform/error-status.ts";
import { EngineDate } from "./engine-date.ts";
import { KmsError } from "./kms-error.ts";
import { afterSignedRequests, signedRequestEnded, signedRequestStarted } from "./signed-first.ts";
import type {
  CompletedRequest,
  OperationContext,
  OperationInput,
  OperationKey,
  OperationRegistry,
  RequestContext,
} from "./operation-types.ts";
import { SigV4Error, verifySigV4, type LookupAccessKey, type VerifiedCaller } from "@/lib/server/platform/sigv4/verify-sigv4.ts";

// The local KMS / CloudHSM v2 wire endpoint: SigV4 → X-Amz-Target → JSON codec → operation → JSON.
// Used both by the HTTP route (app/api/aws) and in-process by the SDK clients (lib/server/aws).

export type HandleAwsRequestDeps = {
  region: string;
  accountId: string;
  lookupAccessKey: LookupAccessKey;
  operations: OperationRegistry;
  /** Throws when the verified caller may not call the operation (the local service's IAM; authz/). */
  authorize?: (operation: OperationKey, caller: VerifiedCaller) => void;
  /** Audit hook: awaited, its failures logged and never turned into the caller's error. */
  onCompleted?: (event: CompletedRequest) => void | Promise<void>;
  /**
   * True when the source address sent too many unauthenticated requests lately: its unsigned requests
   * are refused before SigV4 (signed ones are still verified: a caller behind the same NAT passes).
   */
  isSourceThrottled?: (sourceIp: string) => boolean;
  now?: () => Date;
  log?: (message: string, error: unknown) => void;
};

/** Larger bodies are refused before parsing; KMS's largest members (policies, 32 KiB) fit easily. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

const SIGNING_NAMES = Object.values(SIGNING_NAME);
/** One instance for every throttled request: a flood's refusals skip building an error and its stack. */
const THROTTLED = new KmsError(
  "ThrottlingException",
  "Too many unauthenticated requests from this address. Slow down and sign your requests.",
);

export async function handleAwsRequest(req: AwsHttpRequest, deps: HandleAwsRequestDeps): Promise<AwsHttpResponse> {
  const requestId = uuid();
  const headers = normalizeHeaders(req.headers);
  const targetHeader = header(headers, "x-amz-target");
  const service = serviceOfTarget(targetHeader);
  const ctx: RequestContext = {
    requestId,
    region: deps.region,
    accountId: deps.accountId,
    sourceIp: req.sourceIp ?? "",
    userAgent: header(headers, "user-agent") ?? "",
  };
  // One clock reading per request: the audit row's time and SigV4's skew check.
  const receivedAt = deps.now?.() ?? new EngineDate();
  const event: Omit<CompletedRequest, "status"> = {
    ctx,
    authenticated: false,
    service,
    target: targetHeader,
    receivedAt,
  };
  let response: AwsHttpResponse;
  let throttledSource = false;
  let signed = false;

  try {
    if (req.method !== "POST" && req.method.toUpperCase() !== "POST") {
      throw new KmsError(
        "UnknownOperationException",
        `${req.method.toUpperCase()} is not supported: AWS JSON requests are POST with an X-Amz-Target header.`,
        405,
      );
    }
    throttledSource = deps.isSourceThrottled?.(ctx.sourceIp) === true;
    if (throttledSource && !carriesSignature(headers)) {
      throw THROTTLED;
    }
    if (req.body.length > MAX_REQUEST_BYTES) {
      throw new KmsError("RequestEntityTooLargeException", `Request body is larger than ${MAX_REQUEST_BYTES} bytes.`);
    }

    const caller = await verifySigV4(
      { method: req.method, path: req.path, headers, body: req.body },
      {
        region: deps.region,
        services: service ? [SIGNING_NAME[service]] : SIGNING_NAMES,
        lookupAccessKey: deps.lookupAccessKey,
        now: receivedAt,
      },
    );
    Object.assign(ctx, caller);
    event.authenticated = true;
    signedRequestStarted();
    signed = true;

    const target = parseTarget(targetHeader);
    if (target) event.operation = target.key;
    const handler = target && Object.hasOwn(deps.operations, target.key) ? deps.operations[target.key] : undefined;
    if (!target || !handler) {
      throw new KmsError(
        "UnknownOperationException",
        targetHeader ? `Unknown operation ${targetHeader}.` : "Missing the X-Amz-Target header.",
      );
    }
    checkContentType(header(headers, "content-type"));
    const input: OperationInput = decodeJsonBody(req.body);
    event.input = input;
    deps.authorize?.(target.key, caller);

    const output = await handler({ ...input }, { ...ctx } as OperationContext);
    event.output = output;
    response = reply(200, encodeJsonBody(output), requestId, deps);
  } catch (error) {
    const { code, message, status } = toWireError(error, service, requestId, deps);
    event.errorCode = code;
    event.errorMessage = message;
    if (error instanceof SigV4Error && error.accessKeyId) ctx.accessKeyId ??= error.accessKeyId;
    response = reply(status, encodeErrorBody(service, code, message), requestId, deps);
    if (status === 405) response.headers.Allow = "POST";
  }
  if (signed) signedRequestEnded();

  const reported = report({ ...event, status: response.status }, deps);
  if (reported) await reported;
  if (throttledSource && !signed) {
    // A throttled source is answered from what signed callers leave over (signed-first.ts).
    const turn = afterSignedRequests();
    if (turn) await turn;
  }
  return response;
}

/** An Authorization header (presigned queries are refused anyway): worth verifying even from a throttled address. */
function carriesSignature(headers: ReturnType<typeof normalizeHeaders>): boolean {
  return header(headers, "authorization") !== undefined;
}

/** An AWS-style error response for a request the endpoint refuses before dispatching it. */
export function awsErrorResponse(code: string, message: string, status: number): AwsHttpResponse {
  return reply(status, encodeErrorBody(undefined, code, message), uuid(), {});
}

function reply(status: number, body: Buffer, requestId: string, deps: Pick<HandleAwsRequestDeps, "now">): AwsHttpResponse {
  return {
    status,
    headers: {
      "x-amzn-RequestId": requestId,
      "Content-Type": JSON_CONTENT_TYPE,
      "Content-Length": String(body.length),
      // SDKs correct their clock skew from this header after a "Signature expired" error.
      Date: deps.now ? deps.now().toUTCString() : httpDateNow(),
    },
    body,
  };
}

const httpDate = { second: -1, text: "" };

/** The current time as an HTTP Date header, formatted once per second. */
function httpDateNow(): string {
  const ms = EngineDate.now();
  const second = Math.floor(ms / 1000);
  if (second !== httpDate.second) {
    httpDate.second = second;
    httpDate.text = new Date(second * 1000).toUTCString();
  }
  return httpDate.text;
}

function toWireError(
  error: unknown,
  service: AwsService | undefined,
  requestId: string,
  deps: HandleAwsRequestDeps,
): { code: string; message: string; status: number } {
  if (error instanceof KmsError) return { code: error.code, message: error.safeMessage, status: error.wireStatus };
  // The layers below throw AppError with a KMS error name as code; on the wire every client error is
  // 400 (spec §1.3), whatever status the console API would use. A 5xx AppError that is not a modelled
  // server fault is an internal error like any other.
  if (isAppError(error) && /^[A-Z][A-Za-z0-9]*$/.test(error.code) && (error.status < 500 || isServerFault(error.code))) {
    return { code: error.code, message: error.safeMessage, status: wireStatus(error.code) };
  }
  (deps.log ?? defaultLog)(`local KMS request ${requestId} failed`, error);
  return service === "cloudhsm"
    ? {
        code: "CloudHsmInternalFailureException",
        message: "The request failed because of an internal error. Retry the request.",
        status: 500,
      }
    : {
        code: "KMSInternalException",
        message: "The request was rejected because an internal exception occurred. Retry the request.",
        status: 500,
      };
}

/** Runs the audit hook; a promise only when the hook returned one (a durable event), so most requests await nothing. */
function report(event: CompletedRequest, deps: HandleAwsRequestDeps): Promise<void> | undefined {
  if (!deps.onCompleted) return undefined;
  const failed = (error: unknown) => (deps.log ?? defaultLog)(`audit hook failed for request ${event.ctx.requestId}`, error);
  try {
    const pending = deps.onCompleted(event);
    return pending instanceof Promise ? pending.catch(failed) : undefined;
  } catch (error) {
    failed(error);
    return undefined;
  }
}

function defaultLog(message: string, error: unknown): void {
  console.error(`[local-kms] ${message}:`, error);
}

export type { AwsHttpRequest, AwsHttpResponse, CompletedRequest, OperationKey };
