import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { startConnectJob, startDisconnectJob } from "./connection-jobs.ts";

// Once per process, before the first key store operation: transitions a previous process left half
// done are finished. CONNECTING → the connect runs again (a new attempt id); DISCONNECTING → the
// disconnect completes. CONNECTED stores need nothing here: their kmsuser login is redone on first use
// (store-sessions.ts).

const holder = globalThis as unknown as { keyholdConnectionsRecovered?: Promise<void> };

export function recoverConnections(): Promise<void> {
  holder.keyholdConnectionsRecovered ??= recover().catch((e: unknown) => {
    holder.keyholdConnectionsRecovered = undefined;
    throw e;
  });
  return holder.keyholdConnectionsRecovered;
}

async function recover(): Promise<void> {
  const stores = await db().customKeyStore.findMany({
    where: { connectionState: { in: ["CONNECTING", "DISCONNECTING"] } },
  });
  for (const store of stores) {
    if (store.connectionState === "DISCONNECTING") {
      startDisconnectJob(store.id);
      continue;
    }
    const attemptId = uuid();
    const { count } = await db().customKeyStore.updateMany({
      where: { id: store.id, connectionState: "CONNECTING", connectAttemptId: store.connectAttemptId },
      data: { connectAttemptId: attemptId },
    });
    if (count === 1) startConnectJob(store.id, attemptId);
  }
}
