import "server-only";
import { destroyKey } from "@/lib/server/hsm/keys.ts";
import { activeHsms, ensureHsmLogin, loadCluster } from "./cluster-access.ts";
import { withClusterLock } from "./cluster-lock.ts";

export type DeleteClusterKeyOptions = { clusterId: string; label: string };

export type DeletedClusterKey = { deletedFrom: string[]; absentFrom: string[]; failed: string[] };

/**
 * Destroys the key material on every active HSM. Best effort, as KMS's deletion of CloudHSM key
 * material is: HSMs that fail are reported, not retried. Backups keep the material.
 */
export async function deleteClusterKey(options: DeleteClusterKeyOptions): Promise<DeletedClusterKey> {
  return withClusterLock(options.clusterId, async () => {
    const cluster = await loadCluster(options.clusterId, "kms");
    const result: DeletedClusterKey = { deletedFrom: [], absentFrom: [], failed: [] };
    for (const hsm of activeHsms(cluster)) {
      try {
        ensureHsmLogin(cluster, hsm);
        const deleted = await destroyKey(hsm.tokenLabel, options.label);
        (deleted ? result.deletedFrom : result.absentFrom).push(hsm.id);
      } catch {
        result.failed.push(hsm.id);
      }
    }
    return result;
  });
}
