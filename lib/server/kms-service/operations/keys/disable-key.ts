import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { disableKey } from "@/lib/server/kms-service/keys/disable-key.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const disableKeyOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  r.finish();
  await disableKey({ scope: ctx, keyId });
};
