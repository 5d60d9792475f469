import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { decodeMarker, page } from "./list-marker.ts";

export type ListLocalKeysOptions = { limit?: number; marker?: string };

export type ListKeysResult = { keys: { KeyId: string; KeyArn: string }[]; nextMarker?: string; truncated: boolean };

/** Every key of the account and Region, in key-ID order, 1–1000 per page (default 100). */
export async function listLocalKeys(o: ListLocalKeysOptions): Promise<ListKeysResult> {
  const limit = o.limit ?? 100;
  const after = decodeMarker(o.marker);
  const rows = await db().kmsKey.findMany({
    where: after === undefined ? undefined : { id: { gt: after } },
    orderBy: { id: "asc" },
    take: limit + 1,
    select: { id: true, arn: true },
  });
  const { items, nextMarker, truncated } = page(rows, limit, (r) => r.id);
  return { keys: items.map((r) => ({ KeyId: r.id, KeyArn: r.arn })), nextMarker, truncated };
}
