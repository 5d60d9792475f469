import "server-only";
import { db } from "@/lib/server/platform/db.ts";

/** Ends a session by its id (the token's hash). Deleting an absent session is not an error. */
export async function deleteSession(sessionId: string): Promise<void> {
  await db().session.deleteMany({ where: { id: sessionId } });
}
