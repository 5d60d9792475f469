import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { loginKmsuser } from "@/lib/server/hsm/clusters/login-kmsuser.ts";
import { logoutKmsuser } from "@/lib/server/hsm/clusters/logout-kmsuser.ts";
import { rotateKmsuserPassword } from "@/lib/server/hsm/clusters/rotate-kmsuser-password.ts";
import { connectionErrorCodeOf } from "./connection-error-code.ts";
import { openKeyStorePassword, sealKeyStorePassword } from "./key-store-password.ts";
import { forgetSession, markSessionOpen } from "./store-sessions.ts";
import { connectXksProxy } from "./xks-key-store.ts";

// The background half of ConnectCustomKeyStore and DisconnectCustomKeyStore. The operation commits
// CONNECTING (with a fresh connectAttemptId) or DISCONNECTING and returns; the job here finishes the
// transition. A connect job only commits its result if the row still carries its attempt id and is
// still CONNECTING, so a disconnect that happened meanwhile wins (and the job logs kmsuser out again).
// Jobs are tracked so tests and shutdown can wait for them (settleConnectionJobs).

const holder = globalThis as unknown as { keyholdConnectionJobs?: Set<Promise<void>> };

function jobs(): Set<Promise<void>> {
  return (holder.keyholdConnectionJobs ??= new Set());
}

function track(job: Promise<void>, what: string): void {
  const tracked = job.catch((e: unknown) => console.error(`[local-kms] ${what} failed:`, e));
  jobs().add(tracked);
  void tracked.finally(() => jobs().delete(tracked));
}

/** Resolves when every connect and disconnect job started so far (and those they start) has finished. */
export async function settleConnectionJobs(): Promise<void> {
  while (jobs().size > 0) await Promise.all([...jobs()]);
}

export function startConnectJob(storeId: string, attemptId: string): void {
  track(runConnect(storeId, attemptId), `connecting custom key store ${storeId}`);
}

export function startDisconnectJob(storeId: string): void {
  track(runDisconnect(storeId), `disconnecting custom key store ${storeId}`);
}

/** Lets the operation's response go out first (the change is asynchronous, as in KMS), then waits the configured delay. */
async function transitionTime(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const ms = env().KEYHOLD_LOCAL_CONNECTION_DELAY_MS;
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

async function runConnect(storeId: string, attemptId: string): Promise<void> {
  await transitionTime();
  const store = await db().customKeyStore.findUnique({ where: { id: storeId } });
  if (!store || store.connectAttemptId !== attemptId || store.connectionState !== "CONNECTING") return;
  if (store.type === "EXTERNAL_KEY_STORE") {
    const code = await connectXksProxy(store, attemptId);
    await db().customKeyStore.updateMany({
      where: { id: storeId, connectAttemptId: attemptId, connectionState: "CONNECTING" },
      data: { connectionState: code ? "FAILED" : "CONNECTED", connectionErrorCode: code ?? null, connectionStateChangedAt: new Date() },
    });
    return;
  }
  const clusterId = store.cloudHsmClusterId!;

  let errorCode: string | undefined;
  try {
    // Finds the cluster (CLUSTER_NOT_FOUND), needs an active HSM (INSUFFICIENT_CLOUDHSM_HSMS), and really
    // logs kmsuser in with the store's password on every active HSM (INVALID_CREDENTIALS, USER_LOCKED_OUT).
    await loginKmsuser({ clusterId, password: openKeyStorePassword(store) });
    // Then, as KMS does on every connect (spec §6.4), kmsuser's password becomes one only the service
    // knows: the store keeps it, sealed, in the same commit as the cluster (all HSMs or none).
    await rotateKmsuserPassword({
      clusterId,
      alsoWrite: (password) => [
        db().customKeyStore.update({ where: { id: storeId }, data: { keyStorePasswordSealed: sealKeyStorePassword(storeId, password) } }),
      ],
    });
    markSessionOpen(storeId, clusterId);
  } catch (e) {
    errorCode = connectionErrorCodeOf(e);
    if (errorCode === "INTERNAL_ERROR") console.error(`[local-kms] connecting custom key store ${storeId}:`, e);
  }

  const { count } = await db().customKeyStore.updateMany({
    where: { id: storeId, connectAttemptId: attemptId, connectionState: "CONNECTING" },
    data: {
      connectionState: errorCode ? "FAILED" : "CONNECTED",
      connectionErrorCode: errorCode ?? null,
      connectionStateChangedAt: new Date(),
    },
  });
  if (count === 0 && !errorCode) {
    // A disconnect (or a newer attempt) got there first: undo this login.
    forgetSession(storeId);
    await logoutKmsuser({ clusterId }).catch(() => undefined);
  }
}

async function runDisconnect(storeId: string): Promise<void> {
  await transitionTime();
  const store = await db().customKeyStore.findUnique({ where: { id: storeId } });
  if (!store || store.connectionState !== "DISCONNECTING") return;
  forgetSession(storeId);
  if (store.cloudHsmClusterId) {
    try {
      await logoutKmsuser({ clusterId: store.cloudHsmClusterId });
    } catch (e) {
      // A cluster that is gone has nobody logged in; anything else is logged, the store still disconnects.
      if (connectionErrorCodeOf(e) !== "CLUSTER_NOT_FOUND") console.error(`[local-kms] logging out of ${store.cloudHsmClusterId}:`, e);
    }
  }
  await db().customKeyStore.updateMany({
    where: { id: storeId, connectionState: "DISCONNECTING" },
    data: { connectionState: "DISCONNECTED", connectionErrorCode: null, connectionStateChangedAt: new Date() },
  });
}
