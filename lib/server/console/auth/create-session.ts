import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { hashSessionToken, newSessionToken } from "./session-token.ts";

export type NewSession = { token: string; sessionId: string; expiresAt: Date };

/** Starts a session for a user. The token goes to the cookie; only its hash is stored. */
export async function createSession(userId: string, now = new Date()): Promise<NewSession> {
  const token = newSessionToken();
  const sessionId = hashSessionToken(token);
  const expiresAt = new Date(now.getTime() + env().KEYHOLD_SESSION_HOURS * 3_600_000);
  // Opportunistic clean-up: expired sessions are useless, drop them whenever someone signs in.
  await db().session.deleteMany({ where: { expiresAt: { lte: now } } });
  await db().session.create({ data: { id: sessionId, userId, createdAt: now, lastSeenAt: now, expiresAt } });
  return { token, sessionId, expiresAt };
}
