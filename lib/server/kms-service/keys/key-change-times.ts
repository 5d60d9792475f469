import "server-only";
import { db } from "@/lib/server/platform/db.ts";

/**
 * When each key last changed (KmsKey.updatedAt, set by every write to its row: state, description,
 * deletion date, policy, grants), by key id. Two short columns per key: 10,000 keys read in a few ms.
 */
export async function keyChangeTimes(): Promise<Map<string, Date>> {
  const rows = await db().kmsKey.findMany({ select: { id: true, updatedAt: true } });
  return new Map(rows.map((r) => [r.id, r.updatedAt]));
}
