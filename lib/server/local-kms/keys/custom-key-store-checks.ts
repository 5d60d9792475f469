import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/db.ts";
import { KmsError } from "@/lib/server/local-kms/wire/kms-error.ts";

// What CreateKey and GenerateRandom need from a custom key store (spec §4, §6.2, §6.4): it exists,
// it is CONNECTED, and for new keys its cluster has two active HSMs in different AZs. The store's
// connection logic lives with the key-store operations; this only reads.

export async function loadCustomKeyStore(id: string): Promise<CustomKeyStore> {
  const store = await db().customKeyStore.findUnique({ where: { id } });
  if (!store) throw new KmsError("CustomKeyStoreNotFoundException", `Custom key store '${id}' does not exist.`);
  return store;
}

export function requireConnected(store: CustomKeyStore): void {
  if (store.connectionState !== "CONNECTED") {
    throw new KmsError(
      "CustomKeyStoreInvalidStateException",
      `Custom key store '${store.id}' is not connected. Its connection state is ${store.connectionState}.`,
    );
  }
}

/** ≥ 2 ACTIVE HSMs in different Availability Zones, else CloudHsmClusterInvalidConfigurationException. */
export async function requireClusterReadyForKeys(clusterId: string): Promise<void> {
  const hsms = await db().hsm.findMany({
    where: { clusterId, state: "ACTIVE", cluster: { state: { not: "DELETED" } } },
    select: { availabilityZone: true },
  });
  if (new Set(hsms.map((h) => h.availabilityZone)).size < 2) {
    throw new KmsError(
      "CloudHsmClusterInvalidConfigurationException",
      `The CloudHSM cluster ${clusterId} must contain at least two active HSMs, each in a different Availability Zone, to create KMS keys.`,
    );
  }
}
