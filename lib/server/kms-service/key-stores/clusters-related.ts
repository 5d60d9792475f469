import "server-only";
import type { Cluster } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { clusterCertificate } from "./check-cluster-for-key-store.ts";

// "Related" clusters share a backup history: the same cluster, or one created from a backup of it (or
// of a cluster in the same history). CloudHSM clusters that share a backup history have the same
// cluster certificate, which is what KMS compares (CloudHsmClusterInUseException /
// CloudHsmClusterNotRelatedException docs); the backup lineage is checked as well, for clusters whose
// certificate is unknown.

type ClusterRef = Pick<Cluster, "id" | "certificatesJson" | "sourceBackupId">;

/** The cluster's id and the ids of the clusters it was restored from, transitively. */
async function lineage(cluster: ClusterRef): Promise<Set<string>> {
  const ids = new Set([cluster.id]);
  let backupId = cluster.sourceBackupId;
  while (backupId) {
    const backup = await db().backup.findUnique({ where: { id: backupId }, include: { cluster: true } });
    if (!backup || ids.has(backup.clusterId)) break;
    ids.add(backup.clusterId);
    backupId = backup.cluster.sourceBackupId;
  }
  return ids;
}

export async function clustersRelated(a: ClusterRef, b: ClusterRef): Promise<boolean> {
  if (a.id === b.id) return true;
  const certA = clusterCertificate(a);
  if (certA && certA.trim() === clusterCertificate(b)?.trim()) return true;
  const [la, lb] = await Promise.all([lineage(a), lineage(b)]);
  for (const id of la) if (lb.has(id)) return true;
  return false;
}
