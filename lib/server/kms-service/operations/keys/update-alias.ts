import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { ALIAS_NAME, KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { updateAlias } from "@/lib/server/kms-service/keys/update-alias.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const updateAliasOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const aliasName = r.string("AliasName", { ...ALIAS_NAME, required: true });
  const targetKeyId = r.string("TargetKeyId", { ...KEY_ID, required: true });
  r.finish();
  await updateAlias({ scope: ctx, aliasName, targetKeyId });
};
