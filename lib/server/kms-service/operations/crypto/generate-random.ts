import "server-only";
import { generateRandomBytes } from "@/lib/server/kms-service/crypto/generate-random.ts";
import { recipientUnsupported } from "@/lib/server/kms-service/crypto/key-for-crypto.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CUSTOM_KEY_STORE_ID, NUMBER_OF_BYTES } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const generateRandomOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  // Not `required` in the model, but required by the operation's documentation (spec §4).
  const numberOfBytes = r.integer("NumberOfBytes", { ...NUMBER_OF_BYTES, required: true });
  const customKeyStoreId = r.string("CustomKeyStoreId", CUSTOM_KEY_STORE_ID);
  r.finish();
  if (r.raw("Recipient") !== undefined) throw recipientUnsupported();
  return { Plaintext: await generateRandomBytes({ numberOfBytes, customKeyStoreId }) };
};
