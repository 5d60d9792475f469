import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { startDisconnectJob } from "./connection-jobs.ts";
import { findKeyStore } from "./find-key-store.ts";
import { keyStoreInvalidState } from "./key-store-errors.ts";
import { recoverConnections } from "./recover-connections.ts";
import { forgetSession } from "./store-sessions.ts";

export type DisconnectLocalKeyStoreOptions = { customKeyStoreId: string };

/**
 * Starts disconnecting a key store (spec §4 DisconnectCustomKeyStore): CONNECTED, CONNECTING or
 * FAILED → DISCONNECTING, then the background job logs kmsuser out of the cluster → DISCONNECTED.
 * Clearing connectAttemptId makes a connect still in flight discard its result. Its keys are
 * Unavailable from now on (key-state-in-store.ts). DISCONNECTING or DISCONNECTED:
 * CustomKeyStoreInvalidStateException.
 */
export async function disconnectLocalKeyStore(options: DisconnectLocalKeyStoreOptions): Promise<void> {
  await recoverConnections();
  const store = await findKeyStore(options.customKeyStoreId);
  if (store.connectionState === "DISCONNECTED" || store.connectionState === "DISCONNECTING") {
    throw keyStoreInvalidState(store.id, store.connectionState, "it is not connected.");
  }
  const { count } = await db().customKeyStore.updateMany({
    where: { id: store.id, connectionState: store.connectionState },
    data: {
      connectionState: "DISCONNECTING",
      connectionErrorCode: null,
      connectAttemptId: null,
      connectionStateChangedAt: new Date(),
    },
  });
  if (count === 0) {
    // The state changed under us (e.g. the connect finished): judge again from the new state.
    return disconnectLocalKeyStore(options);
  }
  forgetSession(store.id);
  startDisconnectJob(store.id);
}
