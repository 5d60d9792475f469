import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { ALIAS_NAME, KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { createLocalAlias } from "@/lib/server/kms-service/keys/create-alias.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const createAliasOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const aliasName = r.string("AliasName", { ...ALIAS_NAME, required: true });
  const targetKeyId = r.string("TargetKeyId", { ...KEY_ID, required: true });
  r.finish();
  await createLocalAlias({ scope: ctx, aliasName, targetKeyId });
};
