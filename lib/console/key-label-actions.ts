import type { KeyState } from "@/lib/schemas/keys.ts";
import type { ActionRule } from "./key-store-actions.ts";

// When a key's labels (tags, aliases, description) can change, from the key-state table of
// spec/kms-api.md §6.1: TagResource, UntagResource, UpdateKeyDescription and CreateAlias fail with
// KMSInvalidStateException while the key is pending deletion ([3]); DeleteAlias works in every state.

const PENDING = "The key is pending deletion: KMS refuses this until the deletion is cancelled.";

/** Add, edit or remove a tag; create an alias; edit the description. */
export function canEditKeyLabels(state: KeyState): ActionRule {
  return state === "PendingDeletion" ? { allowed: false, reason: PENDING } : { allowed: true };
}
