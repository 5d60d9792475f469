import "server-only";
import type { KeyState } from "@/lib/schemas/keys.ts";
import { keyStateInStore } from "@/lib/server/kms-service/key-stores/index.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import type { KeyRecord } from "./key-record.ts";

// The key state a caller sees (spec §6.1) and the key-state table's errors with their exact messages.
// Stored: Enabled, Disabled, PendingDeletion. Derived: a key in a custom key store that is not
// CONNECTED is Unavailable, except PendingDeletion, which stays (footnote [13]). Enable/Disable of an
// Unavailable key change the stored state, which shows once the store is connected again ([12]).

export function keyState(key: KeyRecord): KeyState {
  const connection = key.customKeyStoreId ? (key.customKeyStore?.connectionState ?? "DISCONNECTED") : undefined;
  return keyStateInStore(key.state, connection) as KeyState;
}

/** [1] */
export function disabledError(arn: string): KmsError {
  return new KmsError("DisabledException", `${arn} is disabled.`);
}

/** [3] */
export function pendingDeletionError(arn: string): KmsError {
  return new KmsError("KMSInvalidStateException", `${arn} is pending deletion.`);
}

/** [4] */
export function notPendingDeletionError(arn: string): KmsError {
  return new KmsError("KMSInvalidStateException", `${arn} is not pending deletion.`);
}

/** [11] */
export function unavailableError(arn: string): KmsError {
  return new KmsError("KMSInvalidStateException", `${arn} is unavailable.`);
}

/** Encrypt, Decrypt, ReEncrypt, GenerateDataKey*: the key must be Enabled. */
export function requireEnabledForCrypto(key: KeyRecord): void {
  switch (keyState(key)) {
    case "Enabled":
      return;
    case "Disabled":
      throw disabledError(key.arn);
    case "PendingDeletion":
      throw pendingDeletionError(key.arn);
    case "Unavailable":
      throw unavailableError(key.arn);
  }
}

/** Management operations marked X[3] for PendingDeletion (CreateAlias, Enable/DisableKey, Tag…). */
export function requireNotPendingDeletion(key: KeyRecord): void {
  if (keyState(key) === "PendingDeletion") throw pendingDeletionError(key.arn);
}
