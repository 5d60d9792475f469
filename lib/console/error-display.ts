import { isApiError } from "@/lib/api-client.ts";
import { CRYPTO_ERROR_HELP } from "./key-actions.ts";

export type ErrorDisplay = {
  /** What happened, in words (the server's safe message, or the console's explanation of the code). */
  text: string;
  /** The server's own message when the text above is the console's explanation and says something else. */
  detail?: string;
  /** The KMS exception name (or the console's error code) an admin can search for. */
  code?: string;
  requestId?: string;
};

/**
 * How every error is shown, for key stores and keys alike: friendly text first, then the exception
 * name and the request ID (spec/console.md: safe message, code, request id).
 */
export function describeError(error: unknown): ErrorDisplay {
  if (!isApiError(error)) return { text: "An unexpected error occurred in the browser." };
  const help = CRYPTO_ERROR_HELP[error.code];
  const message = error.message && error.message !== `${error.code}.` ? error.message : undefined;
  return {
    text: help ?? message ?? "The request failed.",
    detail: help && message && message !== help ? message : undefined,
    code: error.code,
    requestId: error.requestId,
  };
}

/** "KMSInvalidStateException · Request ID: 1234" (the line under the text). */
export function errorCodeLine(d: ErrorDisplay): string | undefined {
  const parts = [d.code, d.requestId ? `Request ID: ${d.requestId}` : undefined].filter(Boolean);
  return parts.length ? parts.join(" · ") : undefined;
}
