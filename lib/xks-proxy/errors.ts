// The XKS Proxy API's error names and their HTTP statuses (spec/xks-proxy.md §3). An XksError is the
// one error a request handler throws to answer the caller; anything else becomes InternalException
// without detail. errorMessage is optional in the spec: what we send is printable ASCII under 512
// characters and never carries plaintext, AAD or a secret.

export const XKS_ERROR_STATUS = {
  ValidationException: 400,
  InvalidStateException: 400,
  InvalidCiphertextException: 400,
  InvalidKeyUsageException: 400,
  AuthenticationFailedException: 401,
  AccessDeniedException: 403,
  KeyNotFoundException: 404,
  InvalidUriPathException: 404,
  // Not an XKS error name: the spec requires 405 for a GET on an API URI and names no error for it.
  MethodNotAllowedException: 405,
  ThrottlingException: 429,
  InternalException: 500,
  UnsupportedOperationException: 501,
  DependencyTimeoutException: 503,
} as const;

export type XksErrorName = keyof typeof XKS_ERROR_STATUS;

export class XksError extends Error {
  readonly errorName: XksErrorName;
  readonly status: number;
  /** Detail for the proxy's own log only (never sent). */
  readonly internal?: string;

  constructor(errorName: XksErrorName, message: string, internal?: string) {
    super(message);
    this.name = "XksError";
    this.errorName = errorName;
    this.status = XKS_ERROR_STATUS[errorName];
    this.internal = internal;
  }
}

export function isXksError(e: unknown): e is XksError {
  return e instanceof XksError;
}

/** errorMessage as the spec allows it: printable ASCII, under 512 characters. */
export function safeErrorMessage(message: string): string {
  const ascii = message.replace(/[^\x20-\x7e]/g, "?");
  return ascii.length < 512 ? ascii : `${ascii.slice(0, 508)}...`;
}

export function errorBody(e: XksError): string {
  return JSON.stringify({ errorName: e.errorName, errorMessage: safeErrorMessage(e.message) });
}
