import "server-only";
import type { Backup as BackupShape } from "@aws-sdk/client-cloudhsm-v2";
import { db } from "@/lib/server/platform/db.ts";

export type DescribeBackupsOptions = {
  backupIds?: string[];
  clusterIds?: string[];
  states?: string[];
  sortAscending?: boolean;
};

/** Backups in the shape of CloudHSM's DescribeBackups (newest first unless sortAscending). */
export async function describeBackups(options: DescribeBackupsOptions = {}): Promise<BackupShape[]> {
  const rows = await db().backup.findMany({
    where: {
      ...(options.backupIds ? { id: { in: options.backupIds } } : {}),
      ...(options.clusterIds ? { clusterId: { in: options.clusterIds } } : {}),
      ...(options.states ? { state: { in: options.states } } : {}),
    },
    orderBy: { createdAt: options.sortAscending ? "asc" : "desc" },
  });
  return rows.map((b) => ({
    BackupId: b.id,
    BackupState: b.state,
    ClusterId: b.clusterId,
    CreateTimestamp: b.createdAt,
    NeverExpires: false,
    DeleteTimestamp: b.deleteAt ?? undefined,
  }));
}
