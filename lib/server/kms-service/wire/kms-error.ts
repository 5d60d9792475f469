import "server-only";

// The one error an operation handler throws to produce an AWS error response. `name` is the wire
// error code (`__type`), e.g. NotFoundException; `message` is sent to the caller as is, so it must
// be safe to show. The HTTP status defaults from the table below (spec/kms-api.md §1.3).
export class KmsError extends Error {
  readonly code: string;
  readonly status: number;

  constructor(code: string, message: string, status?: number) {
    super(message);
    this.name = "KmsError";
    this.code = code;
    this.status = status ?? errorStatus(code);
  }
}

export function isKmsError(e: unknown): e is KmsError {
  return e instanceof KmsError;
}

// Server faults (botocore `fault: true`). Real KMS answers every client error with 400, although the
// Smithy model's httpError says 404/409/412 for a few (spec §1.3 "DISCREPANCY"): the 400s win.
const SERVER_FAULT_STATUS: Record<string, number> = {
  KMSInternalException: 500,
  KeyUnavailableException: 500,
  DependencyTimeoutException: 503,
  CloudHsmInternalFailureException: 500,
};

// Protocol-level errors that are not modelled by either service.
const PROTOCOL_STATUS: Record<string, number> = {
  RequestEntityTooLargeException: 413,
};

/** The HTTP status for a wire error code: 500/503 for server faults, 400 for everything else. */
export function errorStatus(code: string): number {
  return SERVER_FAULT_STATUS[code] ?? PROTOCOL_STATUS[code] ?? 400;
}

/** True for the errors a client should treat as the service's fault (and may retry). */
export function isServerFault(code: string): boolean {
  return code in SERVER_FAULT_STATUS;
}
