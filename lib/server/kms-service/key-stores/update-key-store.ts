import "server-only";
import { isIssuedBy } from "@/lib/server/platform/x509/is-issued-by.ts";
import { loadCluster } from "@/lib/server/hsm/clusters/cluster-access.ts";
import { db } from "@/lib/server/platform/db.ts";
import { checkConfiguration, clusterCertificate, loadActiveCluster } from "./check-cluster-for-key-store.ts";
import { clustersRelated } from "./clusters-related.ts";
import { clusterNotRelated, keyStoreInvalidState, keyStoreNameInUse } from "./key-store-errors.ts";
import { findKeyStore } from "./find-key-store.ts";
import { withKeyStoreLock } from "./key-store-lock.ts";
import { sealKeyStorePassword } from "./key-store-password.ts";
import { recoverConnections } from "./recover-connections.ts";

export type UpdateLocalKeyStoreOptions = {
  customKeyStoreId: string;
  newName?: string;
  keyStorePassword?: string;
  cloudHsmClusterId?: string;
};

/**
 * Changes a CloudHSM key store's name (CONNECTED or DISCONNECTED), kmsuser password or cluster
 * (DISCONNECTED only; spec §6.2). Only tells KMS the password: the cluster's kmsuser is not changed. A
 * new cluster must share the original's backup history (CloudHsmClusterNotRelatedException) and meet
 * the key store requirements (exists, ACTIVE, subnets and HSMs in two AZs).
 */
export async function updateLocalKeyStore(options: UpdateLocalKeyStoreOptions): Promise<void> {
  await recoverConnections();
  await withKeyStoreLock(async () => {
    const store = await findKeyStore(options.customKeyStoreId);
    const onlyName = options.keyStorePassword === undefined && options.cloudHsmClusterId === undefined;
    if (onlyName) {
      if (store.connectionState !== "CONNECTED" && store.connectionState !== "DISCONNECTED") {
        throw keyStoreInvalidState(store.id, store.connectionState, "its name can be changed only while it is CONNECTED or DISCONNECTED.");
      }
    } else if (store.connectionState !== "DISCONNECTED") {
      throw keyStoreInvalidState(
        store.id,
        store.connectionState,
        "disconnect it before changing its kmsuser password or cluster (only the name can change while it is connected).",
      );
    }

    if (options.newName !== undefined && options.newName !== store.name) {
      const other = await db().customKeyStore.findUnique({ where: { name: options.newName } });
      if (other) throw keyStoreNameInUse(options.newName);
    }

    if (options.cloudHsmClusterId !== undefined && options.cloudHsmClusterId !== store.cloudHsmClusterId) {
      const candidate = await loadCluster(options.cloudHsmClusterId, "kms");
      const original = store.cloudHsmClusterId ? await db().cluster.findUnique({ where: { id: store.cloudHsmClusterId } }) : null;
      // Without the original cluster's record, a cluster of the same history is one whose certificate
      // the store's trust anchor issued (each cluster initialisation has its own customer CA).
      const certificate = clusterCertificate(candidate);
      const related = original
        ? await clustersRelated(candidate, original)
        : Boolean(certificate && store.trustAnchorPem && (await isIssuedBy(certificate, store.trustAnchorPem)));
      if (!related) throw clusterNotRelated(candidate.id, store.cloudHsmClusterId ?? "(none)");
      checkConfiguration(await loadActiveCluster(candidate.id));
    } else if (options.cloudHsmClusterId !== undefined) {
      // The same cluster again: it must still meet the requirements.
      checkConfiguration(await loadActiveCluster(options.cloudHsmClusterId));
    }

    await db().customKeyStore.update({
      where: { id: store.id },
      data: {
        ...(options.newName !== undefined ? { name: options.newName } : {}),
        ...(options.keyStorePassword !== undefined
          ? { keyStorePasswordSealed: sealKeyStorePassword(store.id, options.keyStorePassword) }
          : {}),
        ...(options.cloudHsmClusterId !== undefined ? { cloudHsmClusterId: options.cloudHsmClusterId } : {}),
      },
    });
  });
}
