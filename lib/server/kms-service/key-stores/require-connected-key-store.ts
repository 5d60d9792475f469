import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { checkTwoActiveHsmsInDifferentZones } from "./check-cluster-for-key-store.ts";
import { loadCluster } from "@/lib/server/hsm/clusters/cluster-access.ts";
import { findKeyStore, findKeyStoreCached } from "./find-key-store.ts";
import { keyStoreInvalidState } from "./key-store-errors.ts";
import { recoverConnections } from "./recover-connections.ts";
import { ensureStoreSession, sessionFailureOf } from "./store-sessions.ts";

export type ConnectedKeyStore = CustomKeyStore & { cloudHsmClusterId: string };

export type RequireConnectedKeyStoreOptions = {
  /**
   * CreateKey: the cluster must also have two ACTIVE HSMs in different AZs
   * (CloudHsmClusterInvalidConfigurationException), as for CreateCustomKeyStore.
   */
  forKeyCreation?: boolean;
};

/**
 * For CreateKey (Origin AWS_CLOUDHSM) and GenerateRandom (CustomKeyStoreId): the store exists
 * (CustomKeyStoreNotFoundException), is an AWS_CLOUDHSM store and is CONNECTED
 * (CustomKeyStoreInvalidStateException), and this process has kmsuser logged in for it (logging in
 * again after a restart). Returns the store; its cluster id is cloudHsmClusterId.
 */
export async function requireConnectedKeyStore(
  customKeyStoreId: string,
  options: RequireConnectedKeyStoreOptions = {},
): Promise<ConnectedKeyStore> {
  await recoverConnections();
  const store = await findKeyStoreCached(customKeyStoreId);
  if (store.type !== "AWS_CLOUDHSM" || !store.cloudHsmClusterId) {
    throw new KmsError("UnsupportedOperationException", `Custom key store ${store.id} is not an AWS CloudHSM key store.`);
  }
  if (store.connectionState !== "CONNECTED") {
    throw keyStoreInvalidState(store.id, store.connectionState, "it must be CONNECTED for this operation.");
  }
  try {
    await ensureStoreSession(store);
  } catch (e) {
    const failure = sessionFailureOf(e);
    if (!failure) throw e;
    throw failure.permanent
      ? keyStoreInvalidState(store.id, "FAILED", `KMS could not log in to its cluster (${failure.code}); disconnect and connect it again.`)
      : new KmsError("KMSInvalidStateException", "KMS cannot communicate with your CloudHSM cluster.");
  }
  if (options.forKeyCreation) checkTwoActiveHsmsInDifferentZones(await loadCluster(store.cloudHsmClusterId, "kms"));
  return store as ConnectedKeyStore;
}

/**
 * For CreateKey (Origin EXTERNAL_KEY_STORE): the store exists (CustomKeyStoreNotFoundException), is an
 * external key store (else UnsupportedOperationException) and is CONNECTED (CustomKeyStoreInvalidStateException).
 */
export async function requireConnectedXksKeyStore(customKeyStoreId: string): Promise<CustomKeyStore> {
  await recoverConnections();
  const store = await findKeyStore(customKeyStoreId);
  if (store.type !== "EXTERNAL_KEY_STORE") {
    throw new KmsError(
      "UnsupportedOperationException",
      `Custom key store ${store.id} is not an external key store: Origin EXTERNAL_KEY_STORE needs one (use AWS_CLOUDHSM for a CloudHSM key store).`,
    );
  }
  if (store.connectionState !== "CONNECTED") {
    throw keyStoreInvalidState(store.id, store.connectionState, "it must be CONNECTED for this operation.");
  }
  return store;
}

/**
 * For cryptographic operations on a key in a CloudHSM key store (spec §6.1): true when the store is
 * CONNECTED and this process has kmsuser logged in for it. False means the key is Unavailable: answer
 * KMSInvalidStateException "<key ARN> is unavailable.". Cheap once the session exists (a map lookup).
 */
export async function isKeyStoreUsable(store: CustomKeyStore): Promise<boolean> {
  if (store.connectionState !== "CONNECTED") return false;
  // An external key store holds no session: each use calls its proxy, whose failures are the operation's.
  if (store.type === "EXTERNAL_KEY_STORE") return true;
  try {
    await ensureStoreSession(store);
    return true;
  } catch (e) {
    if (sessionFailureOf(e)) return false;
    throw e;
  }
}
