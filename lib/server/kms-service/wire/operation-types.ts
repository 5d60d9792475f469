import "server-only";
import type { AwsService } from "./aws-target.ts";

// The contract between the wire layer and the operations of the local KMS / CloudHSM service.

/** Who is calling and how; passed to every operation. */
export type OperationContext = {
  principalArn: string;
  userName: string;
  accessKeyId: string;
  /** The caller's console role, the service's stand-in for its IAM policies (authz/). */
  role?: string;
  requestId: string;
  /** The Region the service answers for (the credential scope was checked against it). */
  region: string;
  accountId: string;
  sourceIp: string;
  userAgent: string;
};

/** The request's JSON object, member names as in the model (PascalCase). Blobs are still base64 strings. */
export type OperationInput = Record<string, unknown>;

/**
 * The response members. Uint8Array/Buffer values are sent as base64, Date values as epoch seconds,
 * undefined/null members are left out; `undefined` (no output) is sent as `{}`.
 */
export type OperationOutput = Record<string, unknown> | undefined | void;

/** Throws KmsError (or AppError with an AWS error name as code) for modelled errors. */
export type OperationHandler = (input: OperationInput, ctx: OperationContext) => Promise<OperationOutput>;

/** "kms:Encrypt", "cloudhsm:DescribeClusters": service, then the model's operation name. */
export type OperationKey = `${AwsService}:${string}`;

export type OperationRegistry = Readonly<Partial<Record<OperationKey, OperationHandler>>>;

/** The request context as far as it got: the caller fields are missing when authentication failed. */
export type RequestContext = Omit<OperationContext, "principalArn" | "userName" | "accessKeyId"> &
  Partial<Pick<OperationContext, "principalArn" | "userName" | "accessKeyId">>;

/**
 * Reported once per request, successful or not, after the response is decided (the audit hook).
 * `input` is the raw request object and can hold secrets (Plaintext, passwords): redact before storing.
 */
export type CompletedRequest = {
  ctx: RequestContext;
  /** True when the SigV4 signature verified; ctx then carries the caller. */
  authenticated: boolean;
  service?: AwsService;
  /** Registry key, e.g. "kms:Encrypt", when the target named one. */
  operation?: OperationKey;
  /** The X-Amz-Target header as sent (also when authentication failed or it named nothing known). */
  target?: string;
  /** When the request arrived. */
  receivedAt: Date;
  input?: OperationInput;
  /**
   * The operation's output on success, before encoding (Buffers, Dates). Like `input` it can hold
   * secrets (Plaintext of GenerateDataKey): read identifiers from it, never store it whole.
   */
  output?: OperationOutput;
  status: number;
  errorCode?: string;
  errorMessage?: string;
};
