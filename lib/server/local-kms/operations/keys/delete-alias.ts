import "server-only";
import { InputReader } from "@/lib/server/local-kms/input/input-reader.ts";
import { ALIAS_NAME } from "@/lib/server/local-kms/input/kms-shapes.ts";
import { deleteAlias } from "@/lib/server/local-kms/keys/delete-alias.ts";
import type { OperationHandler } from "@/lib/server/local-kms/wire/operation-types.ts";

export const deleteAliasOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const aliasName = r.string("AliasName", { ...ALIAS_NAME, required: true });
  r.finish();
  await deleteAlias({ scope: ctx, aliasName: aliasName! });
};
