import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import type { WireTag } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { decodeMarker, page } from "./list-marker.ts";
import { resolveKey } from "./resolve-key.ts";

export type ListResourceTagsOptions = { scope: CallerScope; keyId: string; limit?: number; marker?: string };

export type ListResourceTagsResult = { tags: WireTag[]; nextMarker?: string; truncated: boolean };

/** A key's tags in tag-key order, 1–50 per page (default 50); every key state. */
export async function listResourceTags(o: ListResourceTagsOptions): Promise<ListResourceTagsResult> {
  const limit = o.limit ?? 50;
  const after = decodeMarker(o.marker);
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:ListResourceTags" } });
  const rows = await db().keyTag.findMany({
    where: { keyId: key.id, tagKey: after === undefined ? undefined : { gt: after } },
    orderBy: { tagKey: "asc" },
    take: limit + 1,
  });
  const { items, nextMarker, truncated } = page(rows, limit, (r) => r.tagKey);
  return { tags: items.map((t) => ({ TagKey: t.tagKey, TagValue: t.tagValue })), nextMarker, truncated };
}
