import "server-only";
import { InputReader } from "@/lib/server/local-kms/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/local-kms/input/kms-shapes.ts";
import { disableKey } from "@/lib/server/local-kms/keys/disable-key.ts";
import type { OperationHandler } from "@/lib/server/local-kms/wire/operation-types.ts";

export const disableKeyOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  r.finish();
  await disableKey({ scope: ctx, keyId: keyId! });
};
