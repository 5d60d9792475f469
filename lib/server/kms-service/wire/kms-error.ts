import "server-only";
import { wireStatus } from "@/lib/server/platform/error-status.ts";
import { AppError } from "@/lib/server/platform/errors.ts";

// The wire's error: an AppError whose code is the wire error code (`__type`, e.g. NotFoundException)
// and whose message is sent to the caller as is, so it must be safe to show. Operation handlers throw
// it; the errors of the layers below (AppError) reach the caller the same way (handle-aws-request.ts).
export class KmsError extends AppError {
  /** The HTTP status on the wire: from the code (error-status.ts), unless the protocol says otherwise (405). */
  readonly wireStatus: number;

  constructor(code: string, message: string, status?: number) {
    super({ code, safeMessage: message });
    this.name = "KmsError";
    this.wireStatus = status ?? wireStatus(code);
  }
}

export function isKmsError(e: unknown): e is KmsError {
  return e instanceof KmsError;
}
