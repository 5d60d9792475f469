import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import type { KeyRecord } from "@/lib/server/kms-service/keys/key-record.ts";
import { targetOfStore } from "@/lib/server/kms-service/key-stores/xks-proxy-of-store.ts";
import { xksDecrypt, xksEncrypt, type CryptoRequestMetadata } from "@/lib/server/kms-service/xks/xks-api.ts";
import { cryptoExceptionOfXks } from "@/lib/server/kms-service/xks/xks-errors.ts";
import { isXksFailure } from "@/lib/server/kms-service/xks/xks-failure.ts";
import type { ExternalLayer } from "./ciphertext-blob.ts";

// The second layer of double encryption (spec/xks-proxy.md §4): the KMS layer's output, encrypted by the
// external key store's proxy under the key's external key. Every failure of the proxy is the
// operation's KMSInvalidStateException (spec §3), while the KMS key itself stays as it is.

/** kmsOperation values KMS sends to Encrypt (and Decrypt, for Decrypt / ReEncrypt). */
export type XksCryptoOperation = "Encrypt" | "Decrypt" | "ReEncrypt" | "GenerateDataKey" | "GenerateDataKeyWithoutPlaintext";

export type ExternalCall = { scope: CallerScope; operation: XksCryptoOperation };

function requestMetadata(key: KeyRecord, call: ExternalCall): CryptoRequestMetadata {
  return {
    awsPrincipalArn: call.scope.principalArn,
    kmsKeyArn: key.arn,
    kmsOperation: call.operation,
    kmsRequestId: call.scope.requestId ?? crypto.randomUUID(),
  };
}

async function viaProxy<T>(key: KeyRecord, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isXksFailure(e)) throw cryptoExceptionOfXks(e, key.arn);
    throw e;
  }
}

export function isExternalKey(key: KeyRecord): boolean {
  return key.origin === "EXTERNAL_KEY_STORE" && key.xksKeyId !== null && key.customKeyStore !== null;
}

export async function sealUnderExternalKey(key: KeyRecord, inner: Buffer, aad: Buffer, call: ExternalCall): Promise<ExternalLayer> {
  return viaProxy(key, async () => {
    const sealed = await xksEncrypt(await targetOfStore(key.customKeyStore!), key.xksKeyId!, {
      requestMetadata: requestMetadata(key, call),
      plaintext: inner,
      aad,
      // KMS asks for the ciphertext data integrity value when it wraps data keys (spec §10).
      integrityValue: call.operation === "GenerateDataKey" || call.operation === "GenerateDataKeyWithoutPlaintext",
    });
    return sealed;
  });
}

export async function openUnderExternalKey(key: KeyRecord, layer: ExternalLayer, aad: Buffer, call: ExternalCall): Promise<Buffer> {
  return viaProxy(key, async () =>
    xksDecrypt(await targetOfStore(key.customKeyStore!), key.xksKeyId!, {
      requestMetadata: requestMetadata(key, call),
      sealed: layer,
      aad,
    }),
  );
}
