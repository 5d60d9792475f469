import "server-only";
import { logout } from "@/lib/server/hsm/session-pool.ts";
import { loadCluster } from "./cluster-access.ts";
import { withClusterLock } from "./cluster-lock.ts";

export type LogoutKmsuserOptions = { clusterId: string };

/** Logs kmsuser out of every HSM of the cluster (as KMS does when a key store disconnects). */
export async function logoutKmsuser(options: LogoutKmsuserOptions): Promise<void> {
  await withClusterLock(options.clusterId, async () => {
    const cluster = await loadCluster(options.clusterId, "kms");
    for (const hsm of cluster.hsms) logout(hsm.tokenLabel);
  });
}
