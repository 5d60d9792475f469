import "server-only";
import type { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { wireName } from "./read-xks-members.ts";

/**
 * Create/UpdateCustomKeyStore: reports each of `members` present in the input as a member the store's
 * type does not take ("Member is valid only for a custom key store of type …"). The caller's finish() throws.
 */
export function refuseMembersValidOnlyFor(
  r: InputReader,
  input: Record<string, unknown>,
  members: readonly string[],
  validOnlyFor: "AWS_CLOUDHSM" | "EXTERNAL_KEY_STORE",
): void {
  for (const member of members) {
    if (input[member] !== undefined) {
      r.violation(wireName(member), undefined, `Member is valid only for a custom key store of type ${validOnlyFor}`);
    }
  }
}
