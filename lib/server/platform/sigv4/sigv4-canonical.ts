import "server-only";
import crypto from "node:crypto";
import type { HeaderMap } from "./http-types.ts";

// The pieces of an AWS Signature Version 4 signature (IAM User Guide, "Create a signed AWS API
// request"), computed the way the verifier needs them: from the bytes that arrived.

export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
export const SCOPE_TERMINATOR = "aws4_request";
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** One-shot crypto.hash (no Hash object per call): two per verified request. */
export function sha256Hex(data: string | Buffer): string {
  return crypto.hash("sha256", data, "hex");
}

function hmac(key: Buffer | string, data: string): Buffer {
  return crypto.createHmac("sha256", key).update(data, "utf8").digest();
}

/** RFC 3986 percent-encoding of everything but the unreserved characters (A-Z a-z 0-9 - _ . ~). */
export function uriEncode(value: string, keepSlash = false): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === "/")) out += c;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * CanonicalURI for every service but S3: the path as sent, with "." / ".." / empty segments removed,
 * then URI-encoded once more (so a path sent as "%20" signs as "%2520"), as botocore and the JS SDK do.
 */
export function canonicalUri(rawPath: string): string {
  // Every request to an endpoint has the same path or two: remembered, since encoding goes byte by byte.
  if (rawPath === lastUri.path) return lastUri.canonical;
  const canonical = computeCanonicalUri(rawPath);
  lastUri.path = rawPath;
  lastUri.canonical = canonical;
  return canonical;
}

const lastUri = { path: "", canonical: "" };

function computeCanonicalUri(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const lead = rawPath.startsWith("/") ? "/" : "";
  const trail = segments.length > 0 && rawPath.endsWith("/") ? "/" : "";
  return uriEncode(`${lead}${segments.join("/")}${trail}`, true) || "/";
}

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** CanonicalQueryString: each name and value decoded, re-encoded, and sorted by name then value. */
export function canonicalQuery(rawQuery: string, omit: readonly string[] = []): string {
  if (!rawQuery) return "";
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq));
    if (omit.includes(name)) continue;
    const value = eq < 0 ? "" : decodeComponent(part.slice(eq + 1));
    pairs.push([uriEncode(name), uriEncode(value)]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join("&");
}

/** A value that differs from its canonical form: a line break or tab, a run of spaces, or an outer space. */
const NEEDS_CANONICALISING = /[\r\n\t]| {2}|^ | $/;

/** A header value as SigV4 signs it: trimmed, runs of spaces and tabs collapsed to one space. */
export function canonicalHeaderValue(value: string): string {
  if (!NEEDS_CANONICALISING.test(value)) return value;
  return value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .trim();
}

/** CanonicalHeaders block: "name:value\n" per signed header (repeated headers joined with ","). */
export function canonicalHeaders(headers: HeaderMap, signedHeaders: readonly string[]): string {
  let out = "";
  for (const name of signedHeaders) {
    const values = headers.get(name);
    out += `${name}:${values === undefined ? "" : values.length === 1 ? canonicalHeaderValue(values[0]!) : values.map(canonicalHeaderValue).join(",")}\n`;
  }
  return out;
}

export type CanonicalRequestParts = {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: HeaderMap;
  signedHeaders: readonly string[];
  payloadHash: string;
};

export function canonicalRequest(p: CanonicalRequestParts): string {
  return `${p.method.toUpperCase()}\n${canonicalUri(p.rawPath)}\n${canonicalQuery(p.rawQuery)}\n${canonicalHeaders(p.headers, p.signedHeaders)}\n${p.signedHeaders.join(";")}\n${p.payloadHash}`;
}

export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/${SCOPE_TERMINATOR}`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${SIGV4_ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const kDate = hmac(`AWS4${secretAccessKey}`, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, SCOPE_TERMINATOR);
}

// Signing keys change once a day per (secret, Region, service): caching them turns a verification into
// two HMACs and two hashes instead of six. Bounded: cleared whole when full (a day's keys refill it).
const SIGNING_KEY_CACHE_MAX = 1024;
const signingKeys = new Map<string, Buffer>();

/** signingKey, remembered per (secret, date, Region, service). */
export function cachedSigningKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const id = `${date}\n${region}\n${service}\n${secretAccessKey}`;
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= SIGNING_KEY_CACHE_MAX) signingKeys.clear();
    key = signingKey(secretAccessKey, date, region, service);
    signingKeys.set(id, key);
  }
  return key;
}

/** The hex signature of a string to sign. */
export function signatureHex(key: Buffer, toSign: string): string {
  return crypto.createHmac("sha256", key).update(toSign, "utf8").digest("hex");
}

/** Compares two hex signatures in constant time (a length mismatch still costs one comparison). */
export function signaturesEqual(expectedHex: string, providedHex: string): boolean {
  const expected = Buffer.from(expectedHex, "utf8");
  const provided = Buffer.from(providedHex, "utf8");
  if (provided.length !== expected.length) {
    crypto.timingSafeEqual(expected, expected);
    return false;
  }
  return crypto.timingSafeEqual(expected, provided);
}
