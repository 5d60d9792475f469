import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, readTags } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { tagResource } from "@/lib/server/kms-service/keys/tag-resource.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const tagResourceOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const tags = readTags(r, "Tags", true);
  r.finish();
  await tagResource({ scope: ctx, keyId, tags });
};
