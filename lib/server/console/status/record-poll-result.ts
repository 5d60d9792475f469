import "server-only";
import os from "node:os";
import { db } from "@/lib/server/platform/db.ts";

export const POLL_ROW = "status";

/** Records one poll's outcome on the StatusPoll row (success clears nothing: reachability compares the two times). */
export async function recordPollResult({ attemptAt, ok, errorCode }: { attemptAt: Date; ok: boolean; errorCode?: string }): Promise<void> {
  const leader = `${os.hostname()}:${process.pid}`;
  const now = new Date();
  const data = ok
    ? { lastAttemptAt: attemptAt, lastSuccessAt: now, leader }
    : { lastAttemptAt: attemptAt, lastErrorAt: now, lastErrorCode: errorCode ?? "UnknownError", leader };
  await db().statusPoll.upsert({ where: { id: POLL_ROW }, create: { id: POLL_ROW, ...data }, update: data });
}
