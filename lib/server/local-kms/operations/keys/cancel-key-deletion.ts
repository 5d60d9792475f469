import "server-only";
import { InputReader } from "@/lib/server/local-kms/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/local-kms/input/kms-shapes.ts";
import { cancelKeyDeletion } from "@/lib/server/local-kms/keys/cancel-key-deletion.ts";
import type { OperationHandler } from "@/lib/server/local-kms/wire/operation-types.ts";

export const cancelKeyDeletionOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  r.finish();
  return { KeyId: await cancelKeyDeletion({ scope: ctx, keyId: keyId! }) };
};
