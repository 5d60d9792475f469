import "server-only";
import { InputReader, validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { CUSTOM_KEY_STORE_ID, LIMIT, MARKER } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { CUSTOM_KEY_STORE_NAME } from "@/lib/server/kms-service/input/key-store-shapes.ts";
import { describeKeyStores } from "@/lib/server/kms-service/key-stores/describe-key-stores.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

/** DescribeCustomKeyStores (spec §4): all stores, or one by id or by name (not both); paginated. */
export const describeCustomKeyStores: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const customKeyStoreId = r.string("CustomKeyStoreId", CUSTOM_KEY_STORE_ID);
  const customKeyStoreName = r.string("CustomKeyStoreName", CUSTOM_KEY_STORE_NAME);
  const limit = r.integer("Limit", LIMIT);
  const marker = r.string("Marker", MARKER);
  r.finish();
  if (customKeyStoreId !== undefined && customKeyStoreName !== undefined) {
    throw validationError("Specify either CustomKeyStoreId or CustomKeyStoreName, not both.");
  }
  return describeKeyStores({ customKeyStoreId, customKeyStoreName, limit, marker });
};
