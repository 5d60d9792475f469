import "server-only";
import crypto from "node:crypto";
import { SESSION_COOKIE, looksLikeSessionToken } from "@/lib/auth/session-cookie.ts";

// Session tokens: 32 random bytes, base64url, held only by the browser in an httpOnly cookie.
// The database keeps SHA-256(token) as the Session id, so a leaked database cannot be replayed.

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

/** The Session row id for a token: hex SHA-256. */
export function hashSessionToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

export { SESSION_COOKIE, looksLikeSessionToken };

export type SessionCookie = {
  name: string;
  value: string;
  httpOnly: true;
  sameSite: "strict";
  path: "/";
  secure: boolean;
  expires: Date;
};

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): SessionCookie {
  return { name: SESSION_COOKIE, value: token, httpOnly: true, sameSite: "strict", path: "/", secure, expires: expiresAt };
}

/** The cookie that removes the session cookie (same attributes, expired). */
export function clearedSessionCookie(secure: boolean): SessionCookie {
  return { ...sessionCookie("", new Date(0), secure) };
}

/** Whether the browser reached us over HTTPS (directly, or through a proxy that says so). */
export function isHttpsRequest(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === "https";
  return new URL(request.url).protocol === "https:";
}
