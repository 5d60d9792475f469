import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, readGrantTokens } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { describeKey } from "@/lib/server/kms-service/keys/describe-key.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const describeKeyOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  readGrantTokens(r);
  r.finish();
  return { KeyMetadata: await describeKey({ scope: ctx, keyId }) };
};
