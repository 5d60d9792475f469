import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { awsStyleId } from "@/lib/server/platform/ids.ts";
import { readBackupFile } from "./backup-file.ts";
import { invalidRequest, resourceNotFound } from "./cluster-errors.ts";
import { createHsm } from "./create-hsm.ts";
import { insertCluster } from "./insert-cluster.ts";
import { subnetMappingFor } from "./network.ts";

export type RestoreBackupOptions = {
  backupId: string;
  /** HSMs to create in the new cluster; each restores the backup's keys (default: none, as CloudHSM). */
  hsmAvailabilityZones?: string[];
  /** AZs of the new cluster's subnets (default: the source cluster's AZs, new subnets). */
  availabilityZones?: string[];
};

/**
 * Creates a new cluster from a backup, as CloudHSM's create-cluster --source-backup-id does: same trust
 * anchor and cluster certificate (the clusters share a backup history), the backup's kmsuser password,
 * SO PIN and cluster wrapping key, and its keys on every HSM added to it.
 */
export async function restoreBackup(options: RestoreBackupOptions): Promise<{ clusterId: string }> {
  const backup = await db().backup.findUnique({ where: { id: options.backupId } });
  if (!backup) throw resourceNotFound(`Backup ${options.backupId}`);
  if (backup.state !== "READY") throw invalidRequest(`Backup ${backup.id} is ${backup.state}.`);
  const payload = readBackupFile(backup.clusterId, backup.id);
  const zones = options.availabilityZones ?? Object.keys(payload.subnetMapping);
  const hsmZones = options.hsmAvailabilityZones ?? [];
  if (!hsmZones.every((az) => zones.includes(az))) throw invalidRequest("An HSM's availability zone has no subnet.");

  const clusterId = awsStyleId("cluster");
  await insertCluster({
    id: clusterId,
    subnetMapping: subnetMappingFor(zones),
    trustAnchorPem: payload.trustAnchorPem,
    certificatesJson: payload.certificatesJson,
    hsmType: payload.hsmType,
    sourceBackupId: backup.id,
    secrets: {
      kmsuserPassword: payload.kmsuserPassword,
      soPin: payload.soPin,
      wrapKey: Buffer.from(payload.wrapKey, "base64"),
    },
  });
  for (const availabilityZone of hsmZones) await createHsm({ clusterId, availabilityZone });
  return { clusterId };
}
