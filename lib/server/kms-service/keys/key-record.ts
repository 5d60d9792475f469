import "server-only";
import type { CustomKeyStore, KmsKey } from "@/lib/generated/prisma-sqlite/client.ts";

/** A KMS key row with its custom key store (the store's connection state decides Unavailable). */
export type KeyRecord = KmsKey & { customKeyStore: CustomKeyStore | null };

/** The Prisma `include` that loads a KeyRecord. */
export const KEY_RECORD_INCLUDE = { customKeyStore: true } as const;

/** Keys have one symmetric spec and usage here: everything else is refused at CreateKey. */
export const SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
export const ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";

/**
 * The cluster that holds a CloudHSM-store key's material: the store's current cluster (an
 * UpdateCustomKeyStore can move the store to a related cluster restored from a backup), else the
 * cluster recorded at creation. null for AWS_KMS keys (default token).
 */
export function clusterOfKey(key: KeyRecord): string | null {
  if (!key.customKeyStoreId) return null;
  return key.customKeyStore?.cloudHsmClusterId ?? key.cloudHsmClusterId;
}
