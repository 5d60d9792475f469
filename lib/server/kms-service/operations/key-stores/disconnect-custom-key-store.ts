import "server-only";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CUSTOM_KEY_STORE_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { disconnectLocalKeyStore } from "@/lib/server/kms-service/key-stores/disconnect-key-store.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

/** DisconnectCustomKeyStore (spec §4). Answers {}. */
export const disconnectCustomKeyStore: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const customKeyStoreId = r.string("CustomKeyStoreId", { ...CUSTOM_KEY_STORE_ID, required: true });
  r.finish();
  await disconnectLocalKeyStore({ customKeyStoreId });
  return {};
};
