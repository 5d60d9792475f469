import "server-only";
import type { KeyRecord } from "@/lib/server/kms-service/keys/key-record.ts";
import { encodeBlob, encodeBlobHeader } from "./ciphertext-blob.ts";
import { cryptoStep } from "./crypto-errors.ts";
import { canonicalEncryptionContext, type EncryptionContext } from "./encryption-context.ts";
import { keyMaterialIdOf } from "./key-for-crypto.ts";
import { sealUnderKey } from "./key-material-crypto.ts";

export type SealPlaintextOptions = { key: KeyRecord; plaintext: Buffer; encryptionContext?: EncryptionContext };

/** plaintext → a version-1 ciphertext blob under the key (AAD = header ‖ canonical context). */
export async function sealPlaintext(o: SealPlaintextOptions): Promise<Buffer> {
  const header = encodeBlobHeader({ keyId: o.key.id, keyMaterialId: keyMaterialIdOf(o.key) });
  const aad = Buffer.concat([header, canonicalEncryptionContext(o.encryptionContext)]);
  const sealed = await cryptoStep(() => sealUnderKey(o.key, o.plaintext, aad));
  return encodeBlob(header, sealed);
}
