import "server-only";
import { encrypt } from "@/lib/server/kms-service/crypto/encrypt.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { ENCRYPTION_ALGORITHM, KEY_ID, PLAINTEXT, readGrantTokens } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const encryptOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const plaintext = r.blob("Plaintext", { ...PLAINTEXT, required: true });
  const encryptionContext = r.stringMap("EncryptionContext");
  readGrantTokens(r);
  const encryptionAlgorithm = r.string("EncryptionAlgorithm", { enum: ENCRYPTION_ALGORITHM });
  const dryRun = r.boolean("DryRun");
  r.finish();
  const result = await encrypt({ scope: ctx, keyId, plaintext, encryptionContext, encryptionAlgorithm, dryRun });
  return { CiphertextBlob: result.ciphertextBlob, KeyId: result.keyArn, EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
};
