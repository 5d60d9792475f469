import "server-only";
import { isAppError } from "@/lib/server/platform/errors.ts";
import { KmsError, isKmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { invalidCiphertext } from "./ciphertext-blob.ts";

// Failures below a cryptographic operation (HSM, cluster) as the operation's modelled errors. For a key
// in a custom key store, KMSInvalidStateException "represents a general failure with many possible
// causes" (spec §4 Encrypt): a missing key material, no active HSM, a locked-out kmsuser, a cluster that
// is gone. A failed tag check is InvalidCiphertextException with an empty message, as in KMS.

const MODELLED = new Set([
  "NotFoundException",
  "DisabledException",
  "KeyUnavailableException",
  "DependencyTimeoutException",
  "InvalidKeyUsageException",
  "InvalidGrantTokenException",
  "KMSInternalException",
  "KMSInvalidStateException",
  "DryRunOperationException",
  "IncorrectKeyException",
]);

export function asCryptoError(e: unknown): unknown {
  if (isKmsError(e)) return e;
  if (!isAppError(e)) return e;
  if (e.code === "InvalidCiphertextException") return invalidCiphertext();
  if (MODELLED.has(e.code) || e.status >= 500) return e;
  return new KmsError("KMSInvalidStateException", e.safeMessage);
}

/** Runs an HSM step of a cryptographic operation, translating its failures. */
export async function cryptoStep<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw asCryptoError(e);
  }
}
