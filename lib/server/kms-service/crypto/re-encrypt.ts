import "server-only";
import type { ServiceScope } from "@/lib/server/kms-service/keys/key-arn.ts";
import type { EncryptionContext } from "./encryption-context.ts";
import { admitKeyForCrypto, dryRunError, keyMaterialIdOf, resolveKeyForCrypto } from "./key-for-crypto.ts";
import { keyOfBlob, openParsedBlob } from "./open-blob.ts";
import { sealPlaintext } from "./seal-plaintext.ts";

export type ReEncryptOptions = {
  scope: ServiceScope;
  ciphertextBlob: Buffer;
  sourceEncryptionContext?: EncryptionContext;
  sourceKeyId?: string;
  destinationKeyId: string;
  destinationEncryptionContext?: EncryptionContext;
  sourceEncryptionAlgorithm?: string;
  destinationEncryptionAlgorithm?: string;
  dryRun?: boolean;
};

export type ReEncryptResult = {
  ciphertextBlob: Buffer;
  sourceKeyArn: string;
  keyArn: string;
  sourceKeyMaterialId: string;
  destinationKeyMaterialId: string;
};

/**
 * Decrypts under the blob's key and encrypts under DestinationKeyId without the plaintext leaving the
 * service; both keys must be usable. Each custom key store involved is charged once.
 */
export async function reEncrypt(o: ReEncryptOptions): Promise<ReEncryptResult> {
  const charged = new Set<string>();
  const source = await keyOfBlob({
    scope: o.scope,
    blob: o.ciphertextBlob,
    keyId: o.sourceKeyId,
    encryptionAlgorithm: o.sourceEncryptionAlgorithm,
    charged,
  });
  const destination = await resolveKeyForCrypto({ scope: o.scope, keyId: o.destinationKeyId });
  await admitKeyForCrypto(destination, { encryptionAlgorithm: o.destinationEncryptionAlgorithm, charged });
  if (o.dryRun) throw dryRunError();
  const plaintext = await openParsedBlob(source.key, source.parsed, o.sourceEncryptionContext);
  try {
    const ciphertextBlob = await sealPlaintext({ key: destination, plaintext, encryptionContext: o.destinationEncryptionContext });
    return {
      ciphertextBlob,
      sourceKeyArn: source.key.arn,
      keyArn: destination.arn,
      sourceKeyMaterialId: keyMaterialIdOf(source.key),
      destinationKeyMaterialId: keyMaterialIdOf(destination),
    };
  } finally {
    plaintext.fill(0);
  }
}
