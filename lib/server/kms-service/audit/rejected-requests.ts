import "server-only";
import { enqueueAuditEvent } from "@/lib/server/platform/audit/audit-writer.ts";
import { onShutdown } from "@/lib/server/platform/lifecycle.ts";
import type { CompletedRequest } from "@/lib/server/kms-service/wire/operation-types.ts";

// Requests to the local endpoint that fail authentication (no, malformed or wrong SigV4 signature) are
// audited in aggregate, not row by row: one "RejectedRequests" row per source address per window, with
// the count, the error codes, the operations and access key ids tried (only values that look like
// them: no text of the caller's choosing beyond a User-Agent cut to 128 characters). Authenticated
// requests keep their full row (record-aws-request.ts). Without this, 5,000 unsigned POSTs wrote
// 5,004 rows of up to 2.5 KB each.
//
// The same tally rate-limits a source: after MAX_REJECTED rejected requests in a window, every further
// request from that address is answered ThrottlingException, before its signature is checked, until the
// window ends (those are counted in the row as `throttled`).
//
// A window's row is written when the window ends, on shutdown, or when the tally is flushed by hand
// (tests). A hard kill loses the open windows' counts (at most WINDOW_MS of rejected requests).

export const REJECTED_EVENT_NAME = "RejectedRequests";
export const REJECTED_EVENT_SOURCE = "keyhold.local-endpoint";
export const WINDOW_MS = 60_000;
export const MAX_REJECTED = 300;
/** Sources tallied at once; beyond that, new sources share one tally (their address is "other"). */
const MAX_SOURCES = 10_000;
const MAX_LISTED = 10;

type Tally = {
  sourceIp: string;
  firstRequestId: string;
  firstAt: Date;
  lastAt: Date;
  count: number;
  throttled: number;
  errorCodes: Map<string, number>;
  operations: Set<string>;
  accessKeyIds: Set<string>;
  userAgent: string | null;
  timer: NodeJS.Timeout;
};

type State = { tallies: Map<string, Tally>; hooked: boolean };
// On globalThis: Next bundles server code into several layers, and server.ts loads its own copy.
const holder = globalThis as unknown as { keyholdRejectedRequests?: State };
const state = (): State => (holder.keyholdRejectedRequests ??= { tallies: new Map(), hooked: false });

const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const OPERATION = /^(?:kms|cloudhsm):[A-Za-z0-9]{1,64}$/;
const ERROR_CODE = /^[A-Za-z0-9]{1,64}$/;

/** True when the source used up its rejected requests of the current window. */
export function isSourceThrottled(sourceIp: string): boolean {
  const tally = state().tallies.get(sourceIp);
  return tally !== undefined && tally.count >= MAX_REJECTED;
}

/** Counts one request that failed authentication (or was throttled) into its source's window. */
export function tallyRejectedRequest(event: CompletedRequest): void {
  const s = state();
  let sourceIp = event.ctx.sourceIp || "unknown";
  if (!s.tallies.has(sourceIp) && s.tallies.size >= MAX_SOURCES) sourceIp = "other";
  let tally = s.tallies.get(sourceIp);
  if (!tally) {
    tally = {
      sourceIp,
      firstRequestId: event.ctx.requestId,
      firstAt: event.receivedAt,
      lastAt: event.receivedAt,
      count: 0,
      throttled: 0,
      errorCodes: new Map(),
      operations: new Set(),
      accessKeyIds: new Set(),
      userAgent: event.ctx.userAgent ? event.ctx.userAgent.slice(0, 128) : null,
      timer: setTimeout(() => closeWindow(sourceIp), WINDOW_MS),
    };
    tally.timer.unref();
    s.tallies.set(sourceIp, tally);
    hookShutdown(s);
  }
  tally.count++;
  tally.lastAt = event.receivedAt;
  const code = event.errorCode && ERROR_CODE.test(event.errorCode) ? event.errorCode : "Unknown";
  if (code === "ThrottlingException") tally.throttled++;
  tally.errorCodes.set(code, (tally.errorCodes.get(code) ?? 0) + 1);
  const operation = event.operation ?? (event.service && event.target ? `${event.service}:${event.target.split(".")[1] ?? ""}` : "");
  if (tally.operations.size < MAX_LISTED && OPERATION.test(operation)) tally.operations.add(operation);
  const keyId = event.ctx.accessKeyId;
  if (keyId && tally.accessKeyIds.size < MAX_LISTED && ACCESS_KEY_ID.test(keyId)) tally.accessKeyIds.add(keyId);
}

function closeWindow(sourceIp: string): void {
  const s = state();
  const tally = s.tallies.get(sourceIp);
  if (!tally) return;
  clearTimeout(tally.timer);
  s.tallies.delete(sourceIp);
  const codes = [...tally.errorCodes].sort((a, b) => b[1] - a[1]);
  enqueueAuditEvent({
    time: tally.firstAt,
    eventSource: REJECTED_EVENT_SOURCE,
    eventName: REJECTED_EVENT_NAME,
    // The first request's id: one a caller was told can still be looked up.
    requestId: tally.firstRequestId,
    sourceIp: tally.sourceIp,
    userAgent: tally.userAgent,
    accessKeyId: tally.accessKeyIds.size === 1 ? [...tally.accessKeyIds][0] : null,
    requestParameters: {
      count: tally.count,
      throttled: tally.throttled,
      firstAt: tally.firstAt.toISOString(),
      lastAt: tally.lastAt.toISOString(),
      errorCodes: Object.fromEntries(codes),
      operations: [...tally.operations],
      accessKeyIds: [...tally.accessKeyIds],
    },
    errorCode: codes[0]?.[0] ?? null,
    errorMessage: `${tally.count} request${tally.count === 1 ? "" : "s"} from this address failed authentication${
      tally.throttled ? ` (${tally.throttled} of them throttled)` : ""
    }.`,
  });
}

/** Closes every open window: their rows go to the audit writer's queue. */
export function flushRejectedRequests(): void {
  for (const sourceIp of [...state().tallies.keys()]) closeWindow(sourceIp);
}

function hookShutdown(s: State): void {
  if (s.hooked) return;
  s.hooked = true;
  // "workers" runs after the HTTP server stopped taking requests and before the audit writer's flush.
  onShutdown("rejected-request tally", "workers", flushRejectedRequests);
}
