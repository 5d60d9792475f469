import "server-only";
import { InputReader } from "@/lib/server/local-kms/input/input-reader.ts";
import { KEY_ID, readGrantTokens } from "@/lib/server/local-kms/input/kms-shapes.ts";
import { describeKey } from "@/lib/server/local-kms/keys/describe-key.ts";
import type { OperationHandler } from "@/lib/server/local-kms/wire/operation-types.ts";

export const describeKeyOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  readGrantTokens(r);
  r.finish();
  return { KeyMetadata: await describeKey({ scope: ctx, keyId: keyId! }) };
};
