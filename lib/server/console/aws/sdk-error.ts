import "server-only";
import { AppError } from "@/lib/server/platform/errors.ts";

type SdkServiceError = {
  name: string;
  message: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number; requestId?: string };
};

function isSdkServiceError(e: unknown): e is SdkServiceError {
  return typeof e === "object" && e !== null && "$metadata" in e && typeof (e as { name?: unknown }).name === "string";
}

/**
 * Turns an error from a KMS or CloudHSM SDK call into an AppError carrying the service's error name as
 * its code (so its console status follows from platform/error-status.ts; a server fault is the
 * backend's: 502) and the service's message as the safe message (KMS messages are written for callers:
 * they name the key or store and the reason). `fields` maps error names to the form field they are
 * about (e.g. CustomKeyStoreNameInUseException → "customKeyStoreName"), so a wizard can show the error
 * beside that field. Anything that is not a service error (a bug, a lost connection) is rethrown and
 * becomes the generic 500.
 */
export function sdkError(e: unknown, fields: Record<string, string> = {}): unknown {
  if (!isSdkServiceError(e)) return e;
  const server = e.$fault === "server" || (e.$metadata?.httpStatusCode ?? 400) >= 500;
  const message = e.message && e.message !== "UnknownError" ? e.message : `${e.name}.`;
  const field = fields[e.name];
  return new AppError({
    code: e.name,
    safeMessage: message,
    backendFault: server,
    internalMessage: `${e.name}: ${e.message} (AWS request ${e.$metadata?.requestId ?? "?"})`,
    cause: e,
    fields: field ? { [field]: message } : undefined,
  });
}

/** Runs one SDK call and maps its failure with sdkError. */
export async function callAws<T>(call: () => Promise<T>, fields?: Record<string, string>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw sdkError(e, fields);
  }
}
