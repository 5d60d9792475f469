import "server-only";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { decodeMarker, invalidMarker, page } from "@/lib/server/kms-service/keys/list-marker.ts";
import { toGrant, type Grant } from "./grant-types.ts";

// One page of grants in creation order (ListGrants, ListRetirableGrants), 1–100 per page (default
// 50). The marker carries the creation time and ID of the last grant returned.

export type GrantPage = { grants: Grant[]; nextMarker?: string; truncated: boolean };

export async function grantPage(where: Prisma.KeyGrantWhereInput, o: { limit?: number; marker?: string }): Promise<GrantPage> {
  const limit = o.limit ?? 50;
  const after = decodeMarker(o.marker);
  let cursor: Prisma.KeyGrantWhereInput = {};
  if (after !== undefined) {
    const [ms, id] = after.split("|");
    const at = new Date(Number(ms));
    if (!id || Number.isNaN(at.getTime())) throw invalidMarker();
    cursor = { OR: [{ createdAt: { gt: at } }, { createdAt: at, id: { gt: id } }] };
  }
  const rows = await db().keyGrant.findMany({
    where: { AND: [where, cursor] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
  });
  const { items, nextMarker, truncated } = page(rows, limit, (r) => `${r.createdAt.getTime()}|${r.id}`);
  return { grants: items.map(toGrant), nextMarker, truncated };
}
