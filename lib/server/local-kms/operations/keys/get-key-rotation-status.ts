import "server-only";
import { InputReader } from "@/lib/server/local-kms/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/local-kms/input/kms-shapes.ts";
import { getKeyRotationStatus } from "@/lib/server/local-kms/keys/get-key-rotation-status.ts";
import type { OperationHandler } from "@/lib/server/local-kms/wire/operation-types.ts";

export const getKeyRotationStatusOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  r.finish();
  const status = await getKeyRotationStatus({ scope: ctx, keyId: keyId! });
  return { KeyRotationEnabled: status.enabled, KeyId: status.keyArn };
};
