import "server-only";
import { TagResourceCommand } from "@aws-sdk/client-kms";
import type { Tag } from "@/lib/schemas/keys.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type TagKeyOptions = { caller: Caller; keyId: string; tags: Tag[] };

/**
 * TagResource: adds tags, replacing the value of a tag key already present. KMS's refusals of a tag
 * (TagException: reserved aws: prefix, duplicates; ValidationException; the 50-tag quota) come back
 * beside the tag key field; a key pending deletion is refused with KMSInvalidStateException.
 */
export async function tagKey({ caller, keyId, tags }: TagKeyOptions): Promise<void> {
  const kms = await kmsForCaller(caller);
  const field = tags.length === 1 ? "tags.0.tagKey" : "tags";
  await callAws(
    () => kms.send(new TagResourceCommand({ KeyId: keyId, Tags: tags.map((t) => ({ TagKey: t.tagKey, TagValue: t.tagValue })) })),
    {
      TagException: field,
      ValidationException: field,
      LimitExceededException: field,
    },
  );
}
