import "server-only";
import { validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { cryptoStep } from "./crypto-errors.ts";
import type { EncryptionContext } from "./encryption-context.ts";
import { admitKeyForCrypto, dryRunError, keyMaterialIdOf, resolveKeyForCrypto } from "./key-for-crypto.ts";
import { randomBesideKey } from "./key-material-crypto.ts";
import { sealPlaintext } from "./seal-plaintext.ts";

export type GenerateDataKeyOptions = {
  scope: CallerScope;
  /** Which of the two operations asks: the key policy tells them apart. */
  action: "kms:GenerateDataKey" | "kms:GenerateDataKeyWithoutPlaintext";
  keyId: string;
  /** Exactly one of numberOfBytes (1–1024) and keySpec (AES_128 = 16 B, AES_256 = 32 B). */
  numberOfBytes?: number;
  keySpec?: string;
  encryptionContext?: EncryptionContext;
  dryRun?: boolean;
};

export type GeneratedDataKey = { plaintext: Buffer; ciphertextBlob: Buffer; keyArn: string; keyMaterialId: string };

const KEY_SPEC_BYTES: Record<string, number> = { AES_128: 16, AES_256: 32 };

export function dataKeyLength(o: { numberOfBytes?: number; keySpec?: string }): number {
  if ((o.numberOfBytes === undefined) === (o.keySpec === undefined)) {
    throw validationError("Please specify either number of bytes or key spec.");
  }
  return o.numberOfBytes ?? KEY_SPEC_BYTES[o.keySpec!]!;
}

/**
 * A data key from the RNG of the HSMs holding the KMS key, returned in plaintext and encrypted under
 * the KMS key (GenerateDataKeyWithoutPlaintext drops the plaintext). Supported for CloudHSM key
 * store keys, as the Developer Guide says (spec §4, DISCREPANCY note).
 */
export async function generateDataKey(o: GenerateDataKeyOptions): Promise<GeneratedDataKey> {
  const length = dataKeyLength(o);
  const key = await resolveKeyForCrypto(o);
  await admitKeyForCrypto(key);
  if (o.dryRun) throw dryRunError();
  const plaintext = await cryptoStep(() => randomBesideKey(key, length));
  const ciphertextBlob = await sealPlaintext({ key, plaintext, encryptionContext: o.encryptionContext });
  return { plaintext, ciphertextBlob, keyArn: key.arn, keyMaterialId: keyMaterialIdOf(key) };
}
