import "server-only";
import type { WireTag } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";

// WireTag rules beyond the shapes (spec §4 TagResource, §6.5): "aws:" keys are reserved, keys are unique in
// a request, at most 50 tags per key. Messages as real KMS words them.

export const MAX_TAGS_PER_KEY = 50;

export function isReservedTagKey(key: string): boolean {
  return key.toLowerCase().startsWith("aws:");
}

/** Checks the tags of one request (CreateKey, TagResource). */
export function checkTagsRequest(tags: WireTag[]): void {
  if (tags.some((t) => isReservedTagKey(t.TagKey))) throw new KmsError("TagException", "Tags beginning with aws: are reserved");
  if (new Set(tags.map((t) => t.TagKey)).size !== tags.length) throw new KmsError("TagException", "Duplicate tag keys");
  if (tags.length > MAX_TAGS_PER_KEY) throw new KmsError("TagException", "Too many tags");
}
