import "server-only";
import { generateDataKey } from "@/lib/server/kms-service/crypto/generate-data-key.ts";
import { recipientUnsupported } from "@/lib/server/kms-service/crypto/key-for-crypto.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { DATA_KEY_SPEC, KEY_ID, NUMBER_OF_BYTES, readGrantTokens } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

/** The members GenerateDataKey and GenerateDataKeyWithoutPlaintext share. */
export function readDataKeyRequest(input: Record<string, unknown>) {
  const r = new InputReader(input);
  const request = {
    keyId: r.string("KeyId", { ...KEY_ID, required: true })!,
    encryptionContext: r.stringMap("EncryptionContext"),
    numberOfBytes: r.integer("NumberOfBytes", NUMBER_OF_BYTES),
    keySpec: r.string("KeySpec", { enum: DATA_KEY_SPEC }),
    dryRun: r.boolean("DryRun"),
  };
  readGrantTokens(r);
  r.finish();
  return { request, recipient: r.raw("Recipient") };
}

export const generateDataKeyOperation: OperationHandler = async (input, ctx) => {
  const { request, recipient } = readDataKeyRequest(input);
  if (recipient !== undefined) throw recipientUnsupported();
  const key = await generateDataKey({ scope: ctx, ...request, action: "kms:GenerateDataKey" });
  return { CiphertextBlob: key.ciphertextBlob, Plaintext: key.plaintext, KeyId: key.keyArn, KeyMaterialId: key.keyMaterialId };
};
