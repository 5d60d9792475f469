import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, MARKER } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { listAliases } from "@/lib/server/kms-service/keys/list-aliases.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const listAliasesOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", KEY_ID);
  const limit = r.integer("Limit", { min: 1, max: 100 });
  const marker = r.string("Marker", MARKER);
  r.finish();
  const result = await listAliases({ scope: ctx, keyId, limit, marker });
  return { Aliases: result.aliases, NextMarker: result.nextMarker, Truncated: result.truncated };
};
