import "server-only";
import { BACKEND_FAULT_STATUS, consoleStatus } from "./error-status.ts";

// The server's one error family. Every layer throws AppError for anything a caller may see: `code` is
// a KMS / CloudHSM / IAM error name where one exists (NotFoundException, KMSInvalidStateException,
// EntityAlreadyExists), `safeMessage` what a caller may read, the internal message only for logs.
// The HTTP status is never chosen per throw: it follows from the code (error-status.ts).
//
// Two edges turn errors into answers, each in one place: the console's API (console/api/error-response.ts)
// and the wire endpoint (kms-service/wire/handle-aws-request.ts, with the wire's KmsError, an AppError
// whose message is written for the caller). Between them, callAws (console/aws/sdk-error.ts) is the one
// place where a service's error, as the SDK hands it to the console, becomes the console's AppError.
export type AppErrorOptions = {
  code: string;
  safeMessage: string;
  internalMessage?: string;
  cause?: unknown;
  /** KMS connection error code (e.g. INVALID_CREDENTIALS) when the failure is a key-store connection one. */
  connectionErrorCode?: string;
  /** Field-level messages (form field name → message), shown beside the fields that caused the error. */
  fields?: Record<string, string>;
  /** The backend the console called failed (an SDK server fault): the console answers 502. */
  backendFault?: boolean;
};

export class AppError extends Error {
  readonly code: string;
  readonly safeMessage: string;
  /** The console API's status for this error (error-status.ts); the wire uses wireStatus(code). */
  readonly status: number;
  readonly connectionErrorCode?: string;
  readonly fields?: Record<string, string>;

  constructor(opts: AppErrorOptions) {
    super(opts.internalMessage ?? opts.safeMessage, { cause: opts.cause });
    this.name = "AppError";
    this.code = opts.code;
    this.safeMessage = opts.safeMessage;
    this.status = opts.backendFault ? BACKEND_FAULT_STATUS : consoleStatus(opts.code);
    this.connectionErrorCode = opts.connectionErrorCode;
    this.fields = opts.fields;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
