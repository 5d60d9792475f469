import "server-only";
import type { AliasListEntry, KeyMetadata } from "@aws-sdk/client-kms";
import { ZKeyState, ZOrigin, type KeySummary } from "@/lib/schemas/keys.ts";

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : undefined);

/** The console's view of a key from DescribeKey, its aliases, and the names of the custom key stores. */
export function toKeySummary(m: KeyMetadata, aliases: AliasListEntry[], storeNames: Map<string, string>): KeySummary {
  return {
    keyId: m.KeyId!,
    arn: m.Arn ?? "",
    aliases: aliases
      .filter((a) => a.TargetKeyId === m.KeyId && a.AliasName)
      .map((a) => a.AliasName!)
      .sort(),
    description: m.Description ?? "",
    keyState: ZKeyState.catch("Unavailable").parse(m.KeyState),
    origin: ZOrigin.catch("AWS_KMS").parse(m.Origin),
    keyManager: m.KeyManager ?? "CUSTOMER",
    keySpec: m.KeySpec ?? "SYMMETRIC_DEFAULT",
    keyUsage: m.KeyUsage ?? "ENCRYPT_DECRYPT",
    creationDate: iso(m.CreationDate) ?? new Date(0).toISOString(),
    deletionDate: iso(m.DeletionDate),
    pendingDeletionWindowInDays: m.PendingDeletionWindowInDays,
    customKeyStoreId: m.CustomKeyStoreId || undefined,
    customKeyStoreName: m.CustomKeyStoreId ? storeNames.get(m.CustomKeyStoreId) : undefined,
    cloudHsmClusterId: m.CloudHsmClusterId || undefined,
  };
}
