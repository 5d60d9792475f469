import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import type { EncryptionContext } from "./encryption-context.ts";
import { admitKeyForCrypto, dryRunError, keyMaterialIdOf, resolveKeyForCrypto } from "./key-for-crypto.ts";
import { keyOfBlob, openParsedBlob } from "./open-blob.ts";
import { sealPlaintext } from "./seal-plaintext.ts";

export type ReEncryptOptions = {
  scope: CallerScope;
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
 * service; both keys must be usable, the source's policy allowing kms:ReEncryptFrom and the
 * destination's kms:ReEncryptTo, each with its own encryption context. Each custom key store involved is charged once.
 */
export async function reEncrypt(o: ReEncryptOptions): Promise<ReEncryptResult> {
  const charged = new Set<string>();
  const source = await keyOfBlob({
    scope: o.scope,
    action: "kms:ReEncryptFrom",
    encryptionContext: o.sourceEncryptionContext,
    blob: o.ciphertextBlob,
    keyId: o.sourceKeyId,
    encryptionAlgorithm: o.sourceEncryptionAlgorithm,
    charged,
  });
  const destination = await resolveKeyForCrypto({
    scope: o.scope,
    keyId: o.destinationKeyId,
    action: "kms:ReEncryptTo",
    encryptionContext: o.destinationEncryptionContext,
  });
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
