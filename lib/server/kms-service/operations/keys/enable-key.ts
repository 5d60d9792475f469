import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { enableKey } from "@/lib/server/kms-service/keys/enable-key.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const enableKeyOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  r.finish();
  await enableKey({ scope: ctx, keyId });
};
