import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { cancelKeyDeletion } from "@/lib/server/kms-service/keys/cancel-key-deletion.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const cancelKeyDeletionOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  r.finish();
  return { KeyId: await cancelKeyDeletion({ scope: ctx, keyId }) };
};
