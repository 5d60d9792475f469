import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { LIMIT, MARKER } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { listLocalKeys } from "@/lib/server/kms-service/keys/list-keys.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const listKeysOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const limit = r.integer("Limit", LIMIT);
  const marker = r.string("Marker", MARKER);
  r.finish();
  const result = await listLocalKeys({ limit, marker });
  return { Keys: result.keys, NextMarker: result.nextMarker, Truncated: result.truncated };
};
