import "server-only";
import { generateDataKey } from "@/lib/server/kms-service/crypto/generate-data-key.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";
import { readDataKeyRequest } from "./generate-data-key.ts";

export const generateDataKeyWithoutPlaintextOperation: OperationHandler = async (input, ctx) => {
  const { request } = readDataKeyRequest(input);
  const key = await generateDataKey({ scope: ctx, ...request, action: "kms:GenerateDataKeyWithoutPlaintext" });
  key.plaintext.fill(0);
  return { CiphertextBlob: key.ciphertextBlob, KeyId: key.keyArn, KeyMaterialId: key.keyMaterialId };
};
