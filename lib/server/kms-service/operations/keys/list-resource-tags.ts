import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, MARKER } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { listResourceTags } from "@/lib/server/kms-service/keys/list-resource-tags.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const listResourceTagsOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const limit = r.integer("Limit", { min: 1, max: 50 });
  const marker = r.string("Marker", MARKER);
  r.finish();
  const result = await listResourceTags({ scope: ctx, keyId, limit, marker });
  return { Tags: result.tags, NextMarker: result.nextMarker, Truncated: result.truncated };
};
