import "server-only";
import type { ApiErrorResponse } from "@/lib/schemas/api-error.ts";
import { isAppError } from "@/lib/server/platform/errors.ts";

export const REQUEST_ID_HEADER = "x-request-id";

const INTERNAL_MESSAGE = "Something went wrong on our side. If it keeps happening, report the request ID.";

/** An error answer in the one envelope: { error: { code, message }, requestId }. */
export function apiErrorResponse(
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers?: HeadersInit,
  fields?: Record<string, string>,
): Response {
  const body: ApiErrorResponse = {
    error: fields && Object.keys(fields).length > 0 ? { code, message, fields } : { code, message },
    requestId,
  };
  const h = new Headers(headers);
  h.set(REQUEST_ID_HEADER, requestId);
  h.set("cache-control", "no-store");
  return Response.json(body, { status, headers: h });
}

/**
 * The one error mapper for API routes. AppError → its status, code and safe message. Anything else is
 * logged with the request id and answered with a generic 500: never a stack or a raw message.
 */
export function errorResponse(error: unknown, requestId: string): Response {
  if (isAppError(error)) {
    const headers = new Headers();
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === "number") headers.set("retry-after", String(retryAfter));
    if (error.status >= 500) console.error(`[keyhold] request ${requestId}: ${error.code}`, error);
    return apiErrorResponse(error.status, error.code, error.safeMessage, requestId, headers, error.fields);
  }
  console.error(`[keyhold] request ${requestId}: unhandled error`, error);
  return apiErrorResponse(500, "InternalFailure", INTERNAL_MESSAGE, requestId);
}
