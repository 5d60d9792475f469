import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { resolveKey } from "./resolve-key.ts";

export type GetKeyRotationStatusOptions = { scope: CallerScope; keyId: string };

/**
 * Automatic rotation is not supported for keys in a custom key store (key-state table [7]):
 * UnsupportedOperationException. Other keys report rotation disabled (this service never rotates).
 */
export async function getKeyRotationStatus(o: GetKeyRotationStatusOptions): Promise<{ keyArn: string; enabled: boolean }> {
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:GetKeyRotationStatus" } });
  if (key.customKeyStoreId) {
    throw new KmsError("UnsupportedOperationException", `${key.arn} origin is ${key.origin} which is not valid for this operation.`);
  }
  return { keyArn: key.arn, enabled: false };
}
