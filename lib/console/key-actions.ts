import type { KeyState } from "@/lib/schemas/keys.ts";
import type { ActionRule } from "./key-store-actions.ts";

// When each key action is allowed (the key-state table of spec/kms-api.md §6.1), with the reason shown
// beside a refused one, and the note for Unavailable keys where KMS accepts the call but the state
// changes only once the store reconnects.

const ok: ActionRule = { allowed: true };
const no = (reason: string): ActionRule => ({ allowed: false, reason });

export function canEnableKey(state: KeyState): ActionRule {
  if (state === "Disabled" || state === "Unavailable") return ok;
  if (state === "Enabled") return no("The key is already enabled.");
  if (state === "PendingDeletion") return no("Cancel the key's deletion first; it then becomes Disabled.");
  return no(`A key in state ${state} cannot be enabled.`);
}

export function canDisableKey(state: KeyState): ActionRule {
  if (state === "Enabled" || state === "Unavailable") return ok;
  if (state === "Disabled") return no("The key is already disabled.");
  if (state === "PendingDeletion") return no("The key is pending deletion and already unusable.");
  return no(`A key in state ${state} cannot be disabled.`);
}

export function canScheduleDeletion(state: KeyState): ActionRule {
  if (state === "PendingDeletion") return no("The key is already pending deletion.");
  if (state === "Updating") return no("Wait until the key's update ends.");
  return ok;
}

export function canCancelDeletion(state: KeyState): ActionRule {
  return state === "PendingDeletion" ? ok : no("Only a key pending deletion can have its deletion cancelled.");
}

/** Said next to Enable/Disable on an Unavailable key (KMS accepts the call; the state changes on reconnect). */
export const UNAVAILABLE_NOTE =
  "The key's custom key store is disconnected. KMS accepts Enable and Disable, but the key stays Unavailable until the store is connected again; it then takes the state you chose.";

/** What a cryptographic error means for someone trying the key, by KMS error name. */
export const CRYPTO_ERROR_HELP: Record<string, string> = {
  DisabledException: "The key is disabled. Enable it to use it.",
  KMSInvalidStateException:
    "The key is not usable in its current state: it is pending deletion, or its custom key store is disconnected (Unavailable), or KMS cannot reach the cluster. Check the key's status and its key store's connection state.",
  InvalidCiphertextException:
    "KMS could not decrypt this ciphertext: it is corrupted, or the encryption context differs from the one used to encrypt. The context must match exactly, including case.",
  IncorrectKeyException: "This ciphertext was encrypted under a different KMS key.",
  NotFoundException: "The key does not exist (any more).",
  AccessDeniedException: "The key policy does not allow you to use this key.",
  KMSInternalException: "KMS had an internal error. If it mentions PKCS#11 sessions, the cluster is busy: back off and retry.",
  ThrottlingException: "Too many requests: the keys in a custom key store share 1,800 cryptographic requests per second. Retry shortly.",
  ValidationException: "The request is not valid.",
};
