import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { checkSubnets, clusterNotActiveUnlessGone } from "./check-cluster-for-key-store.ts";
import { startConnectJob } from "./connection-jobs.ts";
import { findKeyStore } from "./find-key-store.ts";
import { keyStoreInvalidState } from "./key-store-errors.ts";
import { recoverConnections } from "./recover-connections.ts";

export type ConnectLocalKeyStoreOptions = { customKeyStoreId: string };

/**
 * Starts connecting a CloudHSM key store and returns at once (spec §4 ConnectCustomKeyStore):
 * DISCONNECTED → CONNECTING, then the background job logs kmsuser in and ends CONNECTED or FAILED with
 * the ConnectionErrorCode of the real failure. Already CONNECTED or CONNECTING: nothing to do.
 * DISCONNECTING or FAILED: CustomKeyStoreInvalidStateException (a FAILED store must be disconnected
 * first). Configuration errors that are easy to see fail synchronously and leave it DISCONNECTED: a
 * cluster that is not ACTIVE, subnets in fewer than two AZs. A missing cluster or a cluster without
 * active HSMs is found by the connect itself (CLUSTER_NOT_FOUND, INSUFFICIENT_CLOUDHSM_HSMS).
 */
export async function connectLocalKeyStore(options: ConnectLocalKeyStoreOptions): Promise<void> {
  await recoverConnections();
  const store = await findKeyStore(options.customKeyStoreId);
  switch (store.connectionState) {
    case "CONNECTED":
    case "CONNECTING":
      return;
    case "FAILED":
      throw keyStoreInvalidState(store.id, "FAILED", "disconnect it (DisconnectCustomKeyStore), fix the cause, then connect it again.");
    case "DISCONNECTING":
      throw keyStoreInvalidState(store.id, "DISCONNECTING", "wait until it is DISCONNECTED, then connect it.");
  }

  if (store.type === "AWS_CLOUDHSM") {
    const cluster = await clusterNotActiveUnlessGone(store.cloudHsmClusterId!);
    if (cluster) checkSubnets(cluster);
  }

  const attemptId = uuid();
  const { count } = await db().customKeyStore.updateMany({
    where: { id: store.id, connectionState: "DISCONNECTED" },
    data: {
      connectionState: "CONNECTING",
      connectionErrorCode: null,
      connectAttemptId: attemptId,
      connectionStateChangedAt: new Date(),
    },
  });
  // Zero rows: a concurrent connect got there first, which is the outcome this call asked for.
  if (count === 1) startConnectJob(store.id, attemptId);
}
