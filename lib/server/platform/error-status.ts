import "server-only";

// The one table from an error code to its HTTP status, for both edges of the server: the wire
// endpoint (/api/aws, answering as KMS and CloudHSM do) and the console's JSON API. Codes are KMS,
// CloudHSM or IAM error names where those services have one.

/** Server faults (botocore `fault: true`, and our own generic failure): the same status on both edges. */
const SERVER_FAULTS: Record<string, number> = {
  KMSInternalException: 500,
  KeyUnavailableException: 500,
  CloudHsmInternalFailureException: 500,
  InternalFailure: 500,
  DependencyTimeoutException: 503,
};

/** Refusals of the protocol itself, before any operation: the same status on both edges. */
const PROTOCOL_ERRORS: Record<string, number> = {
  RequestEntityTooLargeException: 413,
};

/**
 * The console's API tells these apart so the UI can (a missing store, a refused action, a name taken,
 * a throttled sign-in). On the wire they stay 400: real KMS answers every client error with 400,
 * although the Smithy model says 404/409 for a few (spec/kms-api.md §1.3 "DISCREPANCY").
 */
const CONSOLE_CLIENT_ERRORS: Record<string, number> = {
  AuthenticationFailed: 401,
  Unauthenticated: 401,
  AccessDeniedException: 403,
  CloudHsmAccessDeniedException: 403,
  NotFoundException: 404,
  CustomKeyStoreNotFoundException: 404,
  CloudHsmResourceNotFoundException: 404,
  NoSuchEntity: 404,
  EntityAlreadyExists: 409,
  LimitExceeded: 409,
  ThrottlingException: 429,
  UnsupportedMediaType: 415,
};

/** The status a server fault or protocol error has on both edges, else undefined. */
function sharedStatus(code: string): number | undefined {
  return SERVER_FAULTS[code] ?? PROTOCOL_ERRORS[code];
}

/** True for the errors a client should treat as the service's fault (and may retry). */
export function isServerFault(code: string): boolean {
  return code in SERVER_FAULTS;
}

/** The status of an error on the KMS / CloudHSM wire: server faults and protocol errors as above, else 400. */
export function wireStatus(code: string): number {
  return sharedStatus(code) ?? 400;
}

/** The status of an error on the console's JSON API. */
export function consoleStatus(code: string): number {
  return sharedStatus(code) ?? CONSOLE_CLIENT_ERRORS[code] ?? 400;
}

/** A backend the console called (real AWS, or the local service through the SDK) failed: 502. */
export const BACKEND_FAULT_STATUS = 502;
