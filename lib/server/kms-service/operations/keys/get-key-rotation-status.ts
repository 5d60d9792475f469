import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { getKeyRotationStatus } from "@/lib/server/kms-service/keys/get-key-rotation-status.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const getKeyRotationStatusOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  r.finish();
  const status = await getKeyRotationStatus({ scope: ctx, keyId });
  return { KeyRotationEnabled: status.enabled, KeyId: status.keyArn };
};
