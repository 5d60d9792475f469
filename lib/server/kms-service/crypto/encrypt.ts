import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import type { EncryptionContext } from "./encryption-context.ts";
import { admitKeyForCrypto, dryRunError, resolveKeyForCrypto } from "./key-for-crypto.ts";
import { sealPlaintext } from "./seal-plaintext.ts";

export type EncryptOptions = {
  scope: CallerScope;
  keyId: string;
  plaintext: Buffer;
  encryptionContext?: EncryptionContext;
  encryptionAlgorithm?: string;
  dryRun?: boolean;
};

export type EncryptResult = { ciphertextBlob: Buffer; keyArn: string };

/** Encrypts up to 4096 bytes under a symmetric key (any key identifier, aliases included). */
export async function encrypt(o: EncryptOptions): Promise<EncryptResult> {
  const key = await resolveKeyForCrypto({ ...o, action: "kms:Encrypt" });
  await admitKeyForCrypto(key, { encryptionAlgorithm: o.encryptionAlgorithm });
  if (o.dryRun) throw dryRunError();
  const ciphertextBlob = await sealPlaintext({ key, plaintext: o.plaintext, encryptionContext: o.encryptionContext });
  return { ciphertextBlob, keyArn: key.arn };
}
