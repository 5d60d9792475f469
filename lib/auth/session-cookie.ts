// Shared by proxy.ts (the cheap presence check) and lib/server/auth (the real check against the DB).
// No server-only import and no Node APIs: proxy.ts must stay small.

export const SESSION_COOKIE = "keyhold_session";

/** A session token is 32 random bytes in base64url: exactly 43 characters. */
export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function looksLikeSessionToken(value: string | undefined | null): value is string {
  return typeof value === "string" && SESSION_TOKEN_PATTERN.test(value);
}

/** Request header proxy.ts sets to the path being rendered, so a redirect to sign-in can come back. */
export const REQUEST_PATH_HEADER = "x-keyhold-path";
