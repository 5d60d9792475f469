import "server-only";

// What went wrong when KMS called an XKS proxy, before it is turned into a KMS exception or a
// ConnectionErrorCode (xks-errors.ts). Every failure of a call is one of these kinds, decided from the
// real condition: the socket's error, the clock, the TLS verification, or the proxy's own answer.

export type XksFailureKind =
  /** Nothing listens, or the name does not resolve (ECONNREFUSED, ENOTFOUND, EHOSTUNREACH …). */
  | "unreachable"
  /** No complete answer within the timeout (KMS: 250 ms). */
  | "timeout"
  /** The TLS handshake failed: certificate untrusted, expired, for another name; protocol or suite refused. */
  | "tls"
  /** The connection broke mid-call (ECONNRESET, EPIPE, a socket hang-up). */
  | "network"
  /** The proxy answered with an error body `{"errorName": …}` (spec §3). */
  | "proxy-error"
  /** The proxy answered something KMS cannot interpret (not JSON, fields missing or out of range). */
  | "invalid-response"
  /** The proxy says every external key manager instance is UNAVAILABLE (health). */
  | "ekm-unavailable";

export class XksFailure extends Error {
  readonly kind: XksFailureKind;
  /** The proxy's errorName, for kind "proxy-error". */
  readonly errorName?: string;
  readonly httpStatus?: number;

  constructor(kind: XksFailureKind, detail: string, opts: { errorName?: string; httpStatus?: number } = {}) {
    super(detail);
    this.name = "XksFailure";
    this.kind = kind;
    this.errorName = opts.errorName;
    this.httpStatus = opts.httpStatus;
  }
}

export function isXksFailure(e: unknown): e is XksFailure {
  return e instanceof XksFailure;
}

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "EADDRNOTAVAIL"]);
const NETWORK_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);

/** A socket or TLS error of node:https as an XksFailure. */
export function failureOfSocketError(e: unknown): XksFailure {
  const error = e as NodeJS.ErrnoException & { reason?: string };
  const code = error?.code ?? "";
  const message = error?.message ?? String(e);
  if (UNREACHABLE_CODES.has(code)) return new XksFailure("unreachable", `${code}: ${message}`);
  if (NETWORK_CODES.has(code) || message === "socket hang up") return new XksFailure("network", `${code}: ${message}`);
  // Certificate verification (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, SELF_SIGNED_CERT_IN_CHAIN,
  // ERR_TLS_CERT_ALTNAME_INVALID, …) and handshake failures (ERR_SSL_*, EPROTO).
  if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_/.test(code) || /certificate|handshake|ssl|tls/i.test(message)) {
    return new XksFailure("tls", `${code}: ${message}`);
  }
  return new XksFailure("network", `${code || "error"}: ${message}`);
}
