import "server-only";
import type { Hsm } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { deleteToken } from "@/lib/server/hsm/tokens.ts";
import { activeHsms, forgetCluster, loadCluster } from "./cluster-access.ts";
import { resourceNotFound } from "./cluster-errors.ts";
import { withClusterLock } from "./cluster-lock.ts";
import { takeBackup } from "./take-backup.ts";

export type DeleteHsmOptions = { clusterId: string; hsmId: string };

/**
 * Removes an HSM: DELETE_IN_PROGRESS → token removed → DELETED. As in CloudHSM, removing an HSM from an
 * active cluster first takes a backup, so a later HSM in an empty cluster gets the keys back. If that
 * backup fails while this is the last active HSM, the HSM is kept (its keys would be lost).
 */
export async function deleteHsm(options: DeleteHsmOptions): Promise<Hsm> {
  return withClusterLock(options.clusterId, async () => {
    const cluster = await loadCluster(options.clusterId, "cloudhsm");
    const hsm = cluster.hsms.find((h) => h.id === options.hsmId && h.state !== "DELETED");
    if (!hsm) throw resourceNotFound(`HSM ${options.hsmId}`);
    const active = activeHsms(cluster);
    if (hsm.state === "ACTIVE") {
      try {
        await takeBackup(cluster);
      } catch (e) {
        if (active.length === 1) throw e;
        console.warn(`automatic backup of ${cluster.id} before deleting ${hsm.id} failed:`, e);
      }
    }
    try {
      await db().hsm.update({ where: { id: hsm.id }, data: { state: "DELETE_IN_PROGRESS" } });
      deleteToken(hsm.tokenLabel);
      return await db().hsm.update({ where: { id: hsm.id }, data: { state: "DELETED", stateMessage: null } });
    } finally {
      forgetCluster(cluster.id);
    }
  });
}
