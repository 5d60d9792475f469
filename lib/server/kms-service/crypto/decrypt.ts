import "server-only";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import type { EncryptionContext } from "./encryption-context.ts";
import { admitKeyForCrypto, dryRunError, keyMaterialIdOf, resolveKeyForCrypto } from "./key-for-crypto.ts";
import { keyOfBlob, openParsedBlob } from "./open-blob.ts";

export type DecryptOptions = {
  scope: CallerScope;
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
    const access = { scope: o.scope, keyId: o.keyId, action: "kms:Decrypt", encryptionContext: o.encryptionContext } as const;
    await admitKeyForCrypto(await resolveKeyForCrypto(access), { encryptionAlgorithm: o.encryptionAlgorithm });
    throw dryRunError();
  }
  const { key, parsed } = await keyOfBlob({
    scope: o.scope,
    action: "kms:Decrypt",
    encryptionContext: o.encryptionContext,
    blob: o.ciphertextBlob,
    keyId: o.keyId,
    encryptionAlgorithm: o.encryptionAlgorithm,
  });
  if (o.dryRun) throw dryRunError();
  const plaintext = await openParsedBlob(key, parsed, o.encryptionContext);
  return { plaintext, keyArn: key.arn, keyMaterialId: keyMaterialIdOf(key) };
}
