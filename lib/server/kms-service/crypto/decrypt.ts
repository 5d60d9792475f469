import "server-only";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { ServiceScope } from "@/lib/server/kms-service/keys/key-arn.ts";
import type { EncryptionContext } from "./encryption-context.ts";
import { admitKeyForCrypto, dryRunError, keyMaterialIdOf, resolveKeyForCrypto } from "./key-for-crypto.ts";
import { keyOfBlob, openParsedBlob } from "./open-blob.ts";

export type DecryptOptions = {
  scope: ServiceScope;
  ciphertextBlob: Buffer;
  encryptionContext?: EncryptionContext;
  keyId?: string;
  encryptionAlgorithm?: string;
  dryRun?: boolean;
  /** DryRunModifiers IGNORE_CIPHERTEXT: a dry run that checks the KeyId's key, not the blob. */
  ignoreCiphertext?: boolean;
};

export type DecryptResult = { plaintext: Buffer; keyArn: string; keyMaterialId: string };

/** Decrypts a blob of this service; the blob names its key, a KeyId given must match it. */
export async function decrypt(o: DecryptOptions): Promise<DecryptResult> {
  if (o.dryRun && o.ignoreCiphertext) {
    if (o.keyId === undefined) {
      throw new KmsError("ValidationException", "KeyId is required when DryRunModifiers includes IGNORE_CIPHERTEXT.");
    }
    await admitKeyForCrypto(await resolveKeyForCrypto({ scope: o.scope, keyId: o.keyId }), { encryptionAlgorithm: o.encryptionAlgorithm });
    throw dryRunError();
  }
  const { key, parsed } = await keyOfBlob({
    scope: o.scope,
    blob: o.ciphertextBlob,
    keyId: o.keyId,
    encryptionAlgorithm: o.encryptionAlgorithm,
  });
  if (o.dryRun) throw dryRunError();
  const plaintext = await openParsedBlob(key, parsed, o.encryptionContext);
  return { plaintext, keyArn: key.arn, keyMaterialId: keyMaterialIdOf(key) };
}
