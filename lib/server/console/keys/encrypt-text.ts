import "server-only";
import { EncryptCommand } from "@aws-sdk/client-kms";
import type { EncryptTextRequest } from "@/lib/schemas/keys.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type EncryptTextOptions = { caller: Caller; keyId: string; request: EncryptTextRequest };

/** The Try-it panel's Encrypt: UTF-8 text under the key, with an encryption context; base64 ciphertext. */
export async function encryptText({ caller, keyId, request }: EncryptTextOptions) {
  const kms = await kmsForCaller(caller);
  const context = Object.fromEntries(request.encryptionContext.map((p) => [p.key, p.value]));
  const r = await callAws(() =>
    kms.send(
      new EncryptCommand({
        KeyId: keyId,
        Plaintext: new TextEncoder().encode(request.plaintext),
        EncryptionContext: request.encryptionContext.length > 0 ? context : undefined,
      }),
    ),
  );
  return {
    ciphertextBlob: Buffer.from(r.CiphertextBlob ?? new Uint8Array()).toString("base64"),
    keyId: r.KeyId ?? keyId,
    encryptionAlgorithm: r.EncryptionAlgorithm ?? "SYMMETRIC_DEFAULT",
  };
}
