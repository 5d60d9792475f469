import "server-only";
import fs from "node:fs";
import type { Cluster as HsmCluster } from "@aws-sdk/client-cloudhsm-v2";
import { db } from "@/lib/server/platform/db.ts";
import { forgetCluster, loadCluster } from "./cluster-access.ts";
import { invalidRequest } from "./cluster-errors.ts";
import { kmsuserPasswordFile } from "./cluster-files.ts";
import { withClusterLock } from "./cluster-lock.ts";
import { describeClusters } from "./describe-clusters.ts";

export type DeleteClusterOptions = { clusterId: string };

/**
 * CloudHSM DeleteCluster: refused while the cluster has an HSM that is not DELETED ("Before you can
 * delete a cluster, you must delete all HSMs in the cluster"). As in CloudHSM, whether a KMS custom key
 * store still names the cluster is not checked: that store then fails to connect with
 * CLUSTER_NOT_FOUND (the console warns before it asks). The cluster's backups are kept, as CloudHSM
 * keeps them, so it can be restored; its starting-password file goes. Answers the cluster, DELETED.
 */
export async function deleteCluster({ clusterId }: DeleteClusterOptions): Promise<HsmCluster> {
  return withClusterLock(clusterId, async () => {
    const cluster = await loadCluster(clusterId, "cloudhsm");
    const left = cluster.hsms.filter((h) => h.state !== "DELETED");
    if (left.length > 0) {
      throw invalidRequest(
        `Cluster ${cluster.id} still has ${left.length} HSM${left.length === 1 ? "" : "s"} (${left.map((h) => h.id).join(", ")}). Delete every HSM before you delete the cluster.`,
      );
    }
    try {
      await db().cluster.update({ where: { id: cluster.id }, data: { state: "DELETED", stateMessage: null, kmsuserLoggedInAt: null } });
    } finally {
      forgetCluster(cluster.id);
    }
    fs.rmSync(kmsuserPasswordFile(cluster.id), { force: true });
    const [deleted] = await describeClusters({ clusterIds: [cluster.id], states: ["DELETED"] });
    return deleted!;
  });
}
