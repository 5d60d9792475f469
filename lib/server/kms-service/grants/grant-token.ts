import "server-only";
import crypto from "node:crypto";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// Grant IDs and grant tokens. A grant ID is 64 hex digits, as KMS's. A grant token names its grant
// (version byte, the 32 bytes of the grant ID, 16 random bytes, base64url): every CreateGrant returns
// a new one, and any of them identifies the grant for RetireGrant. Grants here are in force as soon
// as CreateGrant returns, so a token grants nothing by itself; requests that carry tokens only need
// them to be tokens this service could have issued.

export const GRANT_ID_PATTERN = /^[0-9a-f]{64}$/;
const TOKEN_VERSION = 1;
const TOKEN_BYTES = 1 + 32 + 16;

export function newGrantId(): string {
  return crypto.randomBytes(32).toString("hex");
}

export function newGrantToken(grantId: string): string {
  return Buffer.concat([Buffer.from([TOKEN_VERSION]), Buffer.from(grantId, "hex"), crypto.randomBytes(16)]).toString("base64url");
}

/** The grant a token names, or undefined when it is not a token of this service. */
export function grantIdOfToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length !== TOKEN_BYTES || bytes[0] !== TOKEN_VERSION) return undefined;
  return bytes.subarray(1, 33).toString("hex");
}

export function invalidGrantToken(): KmsError {
  return new KmsError("InvalidGrantTokenException", "The request was rejected because the specified grant token is not valid.");
}

export function invalidGrantId(): KmsError {
  return new KmsError("InvalidGrantIdException", "The request was rejected because the specified GrantId is not valid.");
}

export function grantNotFound(grantId: string): KmsError {
  return new KmsError("NotFoundException", `Grant ID ${grantId} not found`);
}

/** GrantTokens of any request: each must be a grant token of this service (InvalidGrantTokenException). */
export function checkGrantTokens(tokens: readonly string[] | undefined): void {
  if (tokens?.some((t) => grantIdOfToken(t) === undefined)) throw invalidGrantToken();
}
