import "server-only";
import { isAppError } from "@/lib/server/platform/errors.ts";
import { CONNECTION_ERROR_CODES, type ConnectionErrorCode } from "@/lib/schemas/key-stores.ts";

/**
 * The ConnectionErrorCode a failed connect reports (spec §2.2). The cluster and PKCS#11 layers attach
 * it to their errors (wrong PIN → INVALID_CREDENTIALS, locked kmsuser → USER_LOCKED_OUT, no active HSM →
 * INSUFFICIENT_CLOUDHSM_HSMS, cluster gone → CLUSTER_NOT_FOUND, …); anything else is INTERNAL_ERROR.
 */
export function connectionErrorCodeOf(error: unknown): ConnectionErrorCode {
  const code = isAppError(error) ? error.connectionErrorCode : undefined;
  return code && (CONNECTION_ERROR_CODES as readonly string[]).includes(code) ? (code as ConnectionErrorCode) : "INTERNAL_ERROR";
}

/** Codes that mean the store's credentials or cluster are wrong, so retrying the same login cannot help. */
export function isPermanentConnectionError(code: ConnectionErrorCode): boolean {
  return ["INVALID_CREDENTIALS", "USER_LOCKED_OUT", "USER_NOT_FOUND", "CLUSTER_NOT_FOUND"].includes(code);
}
