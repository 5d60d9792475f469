import "server-only";
import type { OperationRegistry } from "@/lib/server/kms-service/wire/operation-types.ts";
import { decryptOperation } from "./decrypt.ts";
import { encryptOperation } from "./encrypt.ts";
import { generateDataKeyOperation } from "./generate-data-key.ts";
import { generateDataKeyWithoutPlaintextOperation } from "./generate-data-key-without-plaintext.ts";
import { generateRandomOperation } from "./generate-random.ts";
import { reEncryptOperation } from "./re-encrypt.ts";

// The crypto operations, one file each, keyed as in registry.ts.
export const cryptoOperations: OperationRegistry = {
  "kms:Encrypt": encryptOperation,
  "kms:Decrypt": decryptOperation,
  "kms:ReEncrypt": reEncryptOperation,
  "kms:GenerateDataKey": generateDataKeyOperation,
  "kms:GenerateDataKeyWithoutPlaintext": generateDataKeyWithoutPlaintextOperation,
  "kms:GenerateRandom": generateRandomOperation,
};
