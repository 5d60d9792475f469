import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { requireNotPendingDeletion } from "./key-state.ts";
import { resolveKey } from "./resolve-key.ts";
import { isReservedTagKey } from "./tag-rules.ts";

export type UntagResourceOptions = { scope: CallerScope; keyId: string; tagKeys: string[] };

/** Removes tags by key; a key that is not there is not an error; not while pending deletion. */
export async function untagResource(o: UntagResourceOptions): Promise<void> {
  if (o.tagKeys.some(isReservedTagKey)) throw new KmsError("TagException", "Tags beginning with aws: are reserved");
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:UntagResource" } });
  requireNotPendingDeletion(key);
  await db().keyTag.deleteMany({ where: { keyId: key.id, tagKey: { in: o.tagKeys } } });
}
