import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { findKeyStore } from "./find-key-store.ts";
import { keyStoreHasKeys, keyStoreInvalidState } from "./key-store-errors.ts";
import { withKeyStoreLock } from "./key-store-lock.ts";
import { recoverConnections } from "./recover-connections.ts";

export type DeleteLocalKeyStoreOptions = { customKeyStoreId: string };

/**
 * Deletes a key store that is DISCONNECTED (CustomKeyStoreInvalidStateException) and holds no KMS keys,
 * in any key state (CustomKeyStoreHasCMKsException). The cluster, its users and key material are not
 * touched; the cluster can back a new store afterwards.
 */
export async function deleteLocalKeyStore(options: DeleteLocalKeyStoreOptions): Promise<void> {
  await recoverConnections();
  await withKeyStoreLock(async () => {
    const store = await findKeyStore(options.customKeyStoreId);
    if (store.connectionState !== "DISCONNECTED") {
      throw keyStoreInvalidState(store.id, store.connectionState, "disconnect it before deleting it.");
    }
    const keys = await db().kmsKey.count({ where: { customKeyStoreId: store.id } });
    if (keys > 0) throw keyStoreHasKeys(store.id, keys);
    // Conditional on the state read above; the KmsKey foreign key (Restrict) guards against a key
    // created in between.
    const { count } = await db().customKeyStore.deleteMany({ where: { id: store.id, connectionState: "DISCONNECTED" } });
    if (count === 0) throw keyStoreInvalidState(store.id, "no longer DISCONNECTED", "disconnect it before deleting it.");
  });
}
