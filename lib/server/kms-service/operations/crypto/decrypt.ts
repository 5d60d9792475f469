import "server-only";
import { decrypt } from "@/lib/server/kms-service/crypto/decrypt.ts";
import { recipientUnsupported } from "@/lib/server/kms-service/crypto/key-for-crypto.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { CIPHERTEXT, DRY_RUN_MODIFIER, ENCRYPTION_ALGORITHM, KEY_ID, readGrantTokens } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const decryptOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const modifiers = r.stringList("DryRunModifiers", {}, { enum: DRY_RUN_MODIFIER });
  const ignoreCiphertext = modifiers?.includes("IGNORE_CIPHERTEXT") ?? false;
  // The blob may be left out only by a dry run that ignores it.
  const ciphertextBlob = r.blob("CiphertextBlob", { ...CIPHERTEXT, required: !ignoreCiphertext });
  const encryptionContext = r.stringMap("EncryptionContext");
  readGrantTokens(r);
  const keyId = r.string("KeyId", KEY_ID);
  const encryptionAlgorithm = r.string("EncryptionAlgorithm", { enum: ENCRYPTION_ALGORITHM });
  const dryRun = r.boolean("DryRun");
  r.finish();
  if (r.raw("Recipient") !== undefined) throw recipientUnsupported();
  const result = await decrypt({
    scope: ctx,
    ciphertextBlob: ciphertextBlob ?? Buffer.alloc(0),
    encryptionContext,
    keyId,
    encryptionAlgorithm,
    dryRun,
    ignoreCiphertext,
  });
  return {
    KeyId: result.keyArn,
    Plaintext: result.plaintext,
    EncryptionAlgorithm: "SYMMETRIC_DEFAULT",
    KeyMaterialId: result.keyMaterialId,
  };
};
