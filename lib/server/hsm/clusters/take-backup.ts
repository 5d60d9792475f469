import "server-only";
import type { Backup } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { awsStyleId } from "@/lib/server/platform/ids.ts";
import { writeBackupFile } from "./backup-file.ts";
import { onAnyActiveHsm, type ClusterWithHsms } from "./cluster-access.ts";
import { openClusterSecrets } from "./cluster-secrets.ts";
import { exportKeys } from "./replicate-keys.ts";

/**
 * Backs up a cluster from one of its active HSMs. Callers hold the cluster lock (createBackup, and
 * the automatic backups CloudHSM takes when an HSM is added to or removed from an active cluster).
 */
export async function takeBackup(cluster: ClusterWithHsms): Promise<Backup> {
  const id = awsStyleId("backup");
  await db().backup.create({ data: { id, clusterId: cluster.id, state: "CREATE_IN_PROGRESS", keyCount: 0 } });
  try {
    const keys = await onAnyActiveHsm(cluster, (hsm) => exportKeys(hsm.tokenLabel));
    const secrets = openClusterSecrets(cluster);
    writeBackupFile({
      version: 1,
      backupId: id,
      clusterId: cluster.id,
      createdAt: new Date().toISOString(),
      hsmType: cluster.hsmType,
      trustAnchorPem: cluster.trustAnchorPem,
      certificatesJson: cluster.certificatesJson,
      subnetMapping: JSON.parse(cluster.subnetMapping) as Record<string, string>,
      kmsuserPassword: secrets.kmsuserPassword,
      soPin: secrets.soPin,
      wrapKey: secrets.wrapKey.toString("base64"),
      keys,
    });
    return await db().backup.update({ where: { id }, data: { state: "READY", keyCount: keys.length } });
  } catch (e) {
    await db().backup.delete({ where: { id } });
    throw e;
  }
}
