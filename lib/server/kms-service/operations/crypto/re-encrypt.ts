import "server-only";
import { reEncrypt } from "@/lib/server/kms-service/crypto/re-encrypt.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CIPHERTEXT, DRY_RUN_MODIFIER, ENCRYPTION_ALGORITHM, KEY_ID, readGrantTokens } from "@/lib/server/kms-service/input/kms-shapes.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const reEncryptOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const ciphertextBlob = r.blob("CiphertextBlob", { ...CIPHERTEXT, required: true });
  const sourceEncryptionContext = r.stringMap("SourceEncryptionContext");
  const sourceKeyId = r.string("SourceKeyId", KEY_ID);
  const destinationKeyId = r.string("DestinationKeyId", { ...KEY_ID, required: true });
  const destinationEncryptionContext = r.stringMap("DestinationEncryptionContext");
  const sourceEncryptionAlgorithm = r.string("SourceEncryptionAlgorithm", { enum: ENCRYPTION_ALGORITHM });
  const destinationEncryptionAlgorithm = r.string("DestinationEncryptionAlgorithm", { enum: ENCRYPTION_ALGORITHM });
  readGrantTokens(r);
  const dryRun = r.boolean("DryRun");
  const modifiers = r.stringList("DryRunModifiers", {}, { enum: DRY_RUN_MODIFIER });
  r.finish();
  if (dryRun && modifiers?.includes("IGNORE_CIPHERTEXT")) {
    throw new KmsError("ValidationException", "DryRunModifiers IGNORE_CIPHERTEXT is not supported for ReEncrypt by this service.");
  }
  const result = await reEncrypt({
    scope: ctx,
    ciphertextBlob,
    sourceEncryptionContext,
    sourceKeyId,
    destinationKeyId,
    destinationEncryptionContext,
    sourceEncryptionAlgorithm,
    destinationEncryptionAlgorithm,
    dryRun,
  });
  return {
    CiphertextBlob: result.ciphertextBlob,
    SourceKeyId: result.sourceKeyArn,
    KeyId: result.keyArn,
    SourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
    DestinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
    SourceKeyMaterialId: result.sourceKeyMaterialId,
    DestinationKeyMaterialId: result.destinationKeyMaterialId,
  };
};
