import "server-only";
import { header, splitPathAndQuery, type HeaderMap } from "./http-types.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { parseAuthorization } from "./sigv4-authorization.ts";
import {
  SCOPE_TERMINATOR,
  canonicalRequest,
  credentialScope,
  sha256Hex,
  cachedSigningKey,
  signatureHex,
  signaturesEqual,
  stringToSign,
} from "./sigv4-canonical.ts";

// Verifies an AWS Signature Version 4 Authorization header against the bytes that arrived.
// Error names and messages are the ones AWS JSON services (KMS, CloudHSM v2) answer with; all are 400.

/** What the verifier needs to know about an access key. The auth module supplies the lookup. */
/** `role`: the console role the local service authorises with (operation-permissions.ts); test services may leave it out. */
export type AccessKeyRecord = { secretAccessKey: string; principalArn: string; userName: string; role?: string };
export type LookupAccessKey = (accessKeyId: string) => Promise<AccessKeyRecord | null>;

export type VerifiedCaller = { accessKeyId: string; principalArn: string; userName: string; role?: string };

export type VerifySigV4Options = {
  /** The Region this service answers for, or a list of them ("*" in the list accepts any Region). */
  region: string | readonly string[];
  /** Credential-scope service names accepted for this request (e.g. ["kms"]). */
  services: readonly string[];
  lookupAccessKey: LookupAccessKey;
  now?: Date;
  /** Allowed clock difference; AWS allows 15 minutes. */
  maxSkewMs?: number;
};

export type SignedRequest = { method: string; path: string; headers: HeaderMap; body: Buffer };

/**
 * A SigV4 failure, in the words AWS services use (every one a 400 on the wire); carries the access key
 * id the caller claimed, when it got that far (for the audit log).
 */
export class SigV4Error extends AppError {
  readonly accessKeyId?: string;
  constructor(code: string, message: string, accessKeyId?: string) {
    super({ code, safeMessage: message });
    this.name = "SigV4Error";
    this.accessKeyId = accessKeyId;
  }
}

export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

const PRESIGN_PARAMS = ["x-amz-algorithm", "x-amz-credential", "x-amz-signature", "x-amz-signedheaders"];
const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";

export async function verifySigV4(req: SignedRequest, opts: VerifySigV4Options): Promise<VerifiedCaller> {
  const { path, query } = splitPathAndQuery(req.path);
  if (query !== "" && isPresigned(query)) {
    throw new SigV4Error(
      "IncompleteSignatureException",
      "Query-string (presigned URL) authentication is not supported by this endpoint. " +
        "Sign the request with SigV4 in the Authorization header.",
    );
  }

  const authorization = header(req.headers, "authorization");
  if (authorization === undefined || authorization.trim() === "") {
    throw new SigV4Error("MissingAuthenticationTokenException", "Request is missing Authentication Token");
  }

  const amzDateHeader = header(req.headers, "x-amz-date");
  const dateHeader = header(req.headers, "date");
  const auth = parseAuthorization(authorization, amzDateHeader !== undefined || dateHeader !== undefined);
  const fail = (code: string, message: string): never => {
    throw new SigV4Error(code, message, auth.accessKeyId);
  };

  const requestTime =
    parseRequestTime(amzDateHeader, dateHeader) ??
    fail(
      "IncompleteSignatureException",
      `Date must be in ISO-8601 'basic format'. Got '${amzDateHeader ?? dateHeader}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  // A valid X-Amz-Date is already in the form the string to sign uses (parseRequestTime refuses any
  // field out of range, so formatting the parsed time would give the same text back).
  const amzDate = amzDateHeader !== undefined ? amzDateHeader.trim() : toAmzDate(new Date(requestTime));

  const nowMs = opts.now ? opts.now.getTime() : Date.now();
  const now = () => new Date(nowMs);
  const maxSkewMs = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const skewMinutes = Math.round(maxSkewMs / 60000);
  if (requestTime < nowMs - maxSkewMs) {
    fail(
      "InvalidSignatureException",
      `Signature expired: ${amzDate} is now earlier than ${toAmzDate(new Date(nowMs - maxSkewMs))} ` +
        `(${toAmzDate(now())} - ${skewMinutes} min.)`,
    );
  }
  if (requestTime > nowMs + maxSkewMs) {
    fail(
      "InvalidSignatureException",
      `Signature not yet current: ${amzDate} is still later than ${toAmzDate(new Date(nowMs + maxSkewMs))} ` +
        `(${toAmzDate(now())} + ${skewMinutes} min.)`,
    );
  }

  if (auth.scopeTerminator !== SCOPE_TERMINATOR) {
    fail(
      "InvalidSignatureException",
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${auth.scopeTerminator}'.`,
    );
  }
  if (auth.scopeDate !== amzDate.slice(0, 8)) {
    fail(
      "InvalidSignatureException",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ` +
        `'${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  const regions = typeof opts.region === "string" ? [opts.region] : opts.region;
  if (!regions.includes(auth.scopeRegion) && !(regions.includes("*") && /^[a-z0-9-]{1,64}$/.test(auth.scopeRegion))) {
    fail(
      "InvalidSignatureException",
      `Credential should be scoped to a valid region, not '${auth.scopeRegion}'. This endpoint serves '${regions.join("', '")}'.`,
    );
  }
  if (!opts.services.includes(auth.scopeService)) {
    fail("InvalidSignatureException", `Credential should be scoped to correct service: '${opts.services.join("' or '")}'.`);
  }

  const signed = new Set(auth.signedHeaders.map((h) => h.toLowerCase()));
  if (!signed.has("host"))
    fail("IncompleteSignatureException", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  for (const name of signed) {
    if (!req.headers.has(name)) {
      fail("IncompleteSignatureException", `'${name}' is named as a SignedHeader, but it does not exist in the HTTP request.`);
    }
  }
  for (const name of req.headers.keys()) {
    if (name.startsWith("x-amz-") && !signed.has(name)) {
      fail("IncompleteSignatureException", `'${name}' must be a 'SignedHeader' in the AWS Authorization.`);
    }
  }

  const key = await opts.lookupAccessKey(auth.accessKeyId);
  if (!key) fail("UnrecognizedClientException", INVALID_TOKEN);
  // Keyhold issues no temporary credentials, so any session token is one it cannot recognise.
  if (header(req.headers, "x-amz-security-token") !== undefined) fail("UnrecognizedClientException", INVALID_TOKEN);

  const payloadHash = sha256Hex(req.body);
  const declared = header(req.headers, "x-amz-content-sha256");
  if (declared !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(declared)) {
      fail("IncompleteSignatureException", `x-amz-content-sha256 must be the hex SHA-256 of the body; '${declared}' is not accepted here.`);
    }
    if (declared.toLowerCase() !== payloadHash) {
      fail("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
    }
  }

  const canonical = canonicalRequest({
    method: req.method,
    rawPath: path,
    rawQuery: query,
    headers: req.headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: declared ?? payloadHash,
  });
  const scope = credentialScope(auth.scopeDate, auth.scopeRegion, auth.scopeService);
  const expected = signatureHex(
    cachedSigningKey(key!.secretAccessKey, auth.scopeDate, auth.scopeRegion, auth.scopeService),
    stringToSign(amzDate, scope, canonical),
  );
  if (!signaturesEqual(expected, auth.signature)) fail("InvalidSignatureException", SIGNATURE_MISMATCH);

  return { accessKeyId: auth.accessKeyId, principalArn: key!.principalArn, userName: key!.userName, role: key!.role };
}

function isPresigned(query: string): boolean {
  return query.split("&").some((p) => PRESIGN_PARAMS.includes(decodeName(p.split("=", 1)[0] ?? "").toLowerCase()));
}

function decodeName(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The last X-Amz-Date parsed: callers sign many requests within the same second. */
const lastAmzDate = { text: "", ms: 0 };

/** X-Amz-Date (ISO 8601 basic, "20150830T123600Z") wins; otherwise an HTTP Date header. Milliseconds since the epoch. */
function parseRequestTime(amzDate: string | undefined, date: string | undefined): number | undefined {
  if (amzDate !== undefined) {
    if (amzDate === lastAmzDate.text) return lastAmzDate.ms;
    const ms = parseAmzDate(amzDate);
    if (ms !== undefined) {
      lastAmzDate.text = amzDate;
      lastAmzDate.ms = ms;
    }
    return ms;
  }
  if (date === undefined) return undefined;
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : ms;
}

function parseAmzDate(amzDate: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject dates that Date.UTC silently rolled over (e.g. month 13).
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && t.getUTCHours() === h && t.getUTCMinutes() === mi && t.getUTCSeconds() === s
    ? t.getTime()
    : undefined;
}

/** "20150830T123600Z" */
export function toAmzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
