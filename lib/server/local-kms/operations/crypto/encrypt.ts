import "server-only";
import { encrypt } from "@/lib/server/local-kms/crypto/encrypt.ts";
import { InputReader } from "@/lib/server/local-kms/input/input-reader.ts";
import { ENCRYPTION_ALGORITHM, KEY_ID, PLAINTEXT, readGrantTokens } from "@/lib/server/local-kms/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/local-kms/wire/operation-types.ts";

export const encryptOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const plaintext = r.blob("Plaintext", { ...PLAINTEXT, required: true });
  const encryptionContext = r.stringMap("EncryptionContext");
  readGrantTokens(r);
  const encryptionAlgorithm = r.string("EncryptionAlgorithm", { enum: ENCRYPTION_ALGORITHM });
  const dryRun = r.boolean("DryRun");
  r.finish();
  const result = await encrypt({ scope: ctx, keyId: keyId!, plaintext: plaintext!, encryptionContext, encryptionAlgorithm, dryRun });
  return { CiphertextBlob: result.ciphertextBlob, KeyId: result.keyArn, EncryptionAlgorithm: "SYMMETRIC_DEFAULT" };
};
