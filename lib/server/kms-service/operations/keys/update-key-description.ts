import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { DESCRIPTION, KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { updateLocalKeyDescription } from "@/lib/server/kms-service/keys/update-key-description.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const updateKeyDescriptionOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const description = r.string("Description", { ...DESCRIPTION, required: true });
  r.finish();
  await updateLocalKeyDescription({ scope: ctx, keyId, description });
};
