import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, TAG_KEY } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { untagResource } from "@/lib/server/kms-service/keys/untag-resource.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const untagResourceOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const tagKeys = r.stringList("TagKeys", { required: true }, TAG_KEY);
  r.finish();
  await untagResource({ scope: ctx, keyId, tagKeys });
};
