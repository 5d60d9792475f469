import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { ALIAS_NAME } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { deleteLocalAlias } from "@/lib/server/kms-service/keys/delete-alias.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const deleteAliasOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const aliasName = r.string("AliasName", { ...ALIAS_NAME, required: true });
  r.finish();
  await deleteLocalAlias({ scope: ctx, aliasName });
};
