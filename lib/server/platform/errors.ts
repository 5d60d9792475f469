import "server-only";

// One error type for the whole server. `code` uses KMS error names where KMS has one
// (e.g. NotFoundException, KMSInvalidStateException); `safeMessage` is what a user may see,
// `message` (internal) may carry detail for logs but is never sent to a browser.
export type AppErrorOptions = {
  code: string;
  safeMessage: string;
  status?: number;
  internalMessage?: string;
  cause?: unknown;
  /** KMS connection error code (e.g. INVALID_CREDENTIALS) when the failure is a key-store connection one. */
  connectionErrorCode?: string;
  /** Field-level messages (form field name → message), shown beside the fields that caused the error. */
  fields?: Record<string, string>;
};

export class AppError extends Error {
  readonly code: string;
  readonly safeMessage: string;
  readonly status: number;
  readonly connectionErrorCode?: string;
  readonly fields?: Record<string, string>;

  constructor(opts: AppErrorOptions) {
    super(opts.internalMessage ?? opts.safeMessage, { cause: opts.cause });
    this.name = "AppError";
    this.code = opts.code;
    this.safeMessage = opts.safeMessage;
    this.status = opts.status ?? 400;
    this.connectionErrorCode = opts.connectionErrorCode;
    this.fields = opts.fields;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
