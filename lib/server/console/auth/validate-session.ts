import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { isRole } from "@/lib/server/platform/identity/permissions.ts";
import { principalArn } from "@/lib/server/platform/identity/principal-arn.ts";
import type { SessionContext } from "./session-context.ts";
import { hashSessionToken, looksLikeSessionToken } from "./session-token.ts";

const TOUCH_INTERVAL_MS = 5 * 60_000;

/**
 * The session a cookie token stands for, or null when the token is malformed, unknown or expired
 * (an expired row is deleted). lastSeenAt is refreshed at most every five minutes.
 */
export async function validateSessionToken(token: string | undefined | null, now = new Date()): Promise<SessionContext | null> {
  if (!looksLikeSessionToken(token)) return null;
  const id = hashSessionToken(token);
  const session = await db().session.findUnique({
    where: { id },
    include: { user: { select: { id: true, name: true, role: true, status: true } } },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await db().session.deleteMany({ where: { id } });
    return null;
  }
  // Deactivating a user deletes their sessions; this also covers a session read in the same instant.
  if (!isRole(session.user.role) || session.user.status !== "Active") return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db().session.updateMany({ where: { id }, data: { lastSeenAt: now } });
  }
  return {
    sessionId: id,
    expiresAt: session.expiresAt,
    user: { id: session.user.id, name: session.user.name, role: session.user.role, principalArn: principalArn(session.user.name) },
  };
}
