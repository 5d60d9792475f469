import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import type { WireTag } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { requireNotPendingDeletion } from "./key-state.ts";
import { resolveKey } from "./resolve-key.ts";
import { MAX_TAGS_PER_KEY, checkTagsRequest } from "./tag-rules.ts";

export type TagResourceOptions = { scope: CallerScope; keyId: string; tags: WireTag[] };

/** Adds tags, replacing the value of keys already present; not while pending deletion; ≤ 50 per key. */
export async function tagResource(o: TagResourceOptions): Promise<void> {
  checkTagsRequest(o.tags);
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:TagResource" } });
  requireNotPendingDeletion(key);
  await db().$transaction(async (tx) => {
    const existing = await tx.keyTag.findMany({ where: { keyId: key.id }, select: { tagKey: true } });
    const names = new Set([...existing.map((t) => t.tagKey), ...o.tags.map((t) => t.TagKey)]);
    if (names.size > MAX_TAGS_PER_KEY) {
      throw new KmsError("LimitExceededException", `A KMS key can have at most ${MAX_TAGS_PER_KEY} tags.`);
    }
    for (const t of o.tags) {
      await tx.keyTag.upsert({
        where: { keyId_tagKey: { keyId: key.id, tagKey: t.TagKey } },
        create: { keyId: key.id, tagKey: t.TagKey, tagValue: t.TagValue },
        update: { tagValue: t.TagValue },
      });
    }
  });
}
