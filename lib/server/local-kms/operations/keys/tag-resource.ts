import "server-only";
import { InputReader } from "@/lib/server/local-kms/input/input-reader.ts";
import { KEY_ID, readTags } from "@/lib/server/local-kms/input/kms-shapes.ts";
import { tagResource } from "@/lib/server/local-kms/keys/tag-resource.ts";
import type { OperationHandler } from "@/lib/server/local-kms/wire/operation-types.ts";

export const tagResourceOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const tags = readTags(r, "Tags", true);
  r.finish();
  await tagResource({ scope: ctx, keyId: keyId!, tags: tags! });
};
