import "server-only";
import type { Backup } from "@/lib/generated/prisma-sqlite/client.ts";
import { loadCluster } from "./cluster-access.ts";
import { withClusterLock } from "./cluster-lock.ts";
import { takeBackup } from "./take-backup.ts";

export type CreateBackupOptions = { clusterId: string };

/** Backs up the cluster's users and keys now (CloudHSM only does this on its own schedule). */
export async function createBackup(options: CreateBackupOptions): Promise<Backup> {
  return withClusterLock(options.clusterId, async () => takeBackup(await loadCluster(options.clusterId, "cloudhsm")));
}
