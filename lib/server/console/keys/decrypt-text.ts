import "server-only";
import { DecryptCommand } from "@aws-sdk/client-kms";
import type { DecryptTextRequest } from "@/lib/schemas/keys.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type DecryptTextOptions = { caller: Caller; keyId: string; request: DecryptTextRequest };

/**
 * The Try-it panel's Decrypt. KeyId is passed so KMS refuses a ciphertext of another key
 * (IncorrectKeyException) instead of silently using that key.
 */
export async function decryptText({ caller, keyId, request }: DecryptTextOptions) {
  const kms = await kmsForCaller(caller);
  const context = Object.fromEntries(request.encryptionContext.map((p) => [p.key, p.value]));
  const r = await callAws(() =>
    kms.send(
      new DecryptCommand({
        KeyId: keyId,
        CiphertextBlob: Buffer.from(request.ciphertextBlob, "base64"),
        EncryptionContext: request.encryptionContext.length > 0 ? context : undefined,
      }),
    ),
  );
  const bytes = Buffer.from(r.Plaintext ?? new Uint8Array());
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const utf8 = Buffer.from(text, "utf8").equals(bytes);
  return { plaintext: utf8 ? text : bytes.toString("base64"), keyId: r.KeyId ?? keyId, plaintextIsUtf8: utf8 };
}
