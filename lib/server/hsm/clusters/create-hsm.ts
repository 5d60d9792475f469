import "server-only";
import type { Hsm } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { awsStyleId } from "@/lib/server/platform/ids.ts";
import { createTrustedWrappingKey } from "@/lib/server/hsm/key-wrap.ts";
import { login } from "@/lib/server/hsm/session-pool.ts";
import { deleteToken, initToken } from "@/lib/server/hsm/tokens.ts";
import { readBackupFile } from "./backup-file.ts";
import { activeHsms, ensureHsmLogin, forgetCluster, loadCluster, type ClusterWithHsms } from "./cluster-access.ts";
import { invalidRequest } from "./cluster-errors.ts";
import { withClusterLock } from "./cluster-lock.ts";
import { openClusterSecrets } from "./cluster-secrets.ts";
import { allocateEniIp, hexId, usableEniIps } from "./network.ts";
import { copyKeys, importKeys } from "./replicate-keys.ts";
import { takeBackup } from "./take-backup.ts";

export type CreateHsmOptions = {
  clusterId: string;
  availabilityZone: string;
  /** An available address of the AZ's subnet for the HSM's ENI; chosen when absent (CloudHSM CreateHsm IpAddress). */
  ipAddress?: string;
};

/** Fills a new token with the cluster's keys: from an active HSM, else from the latest backup. */
async function loadKeys(cluster: ClusterWithHsms, token: string): Promise<void> {
  const sources = activeHsms(cluster);
  let lastError: unknown;
  for (const source of sources) {
    try {
      ensureHsmLogin(cluster, source);
      await copyKeys(source.tokenLabel, token);
      return;
    } catch (e) {
      lastError = e; // This source is unusable (token gone, …): try the next one.
    }
  }
  if (sources.length > 0) throw lastError;
  const latest = await db().backup.findFirst({
    where: { clusterId: cluster.id, state: "READY" },
    orderBy: { createdAt: "desc" },
  });
  const backup = latest ?? (cluster.sourceBackupId ? await db().backup.findUnique({ where: { id: cluster.sourceBackupId } }) : null);
  if (backup) await importKeys(token, readBackupFile(backup.clusterId, backup.id).keys);
}

/**
 * Adds an HSM (a new token) in one of the cluster's AZs: token initialised with the cluster's SO PIN and
 * kmsuser password, the trusted wrapping key created by the SO, then every key copied in.
 * CREATE_IN_PROGRESS → ACTIVE; the cluster becomes ACTIVE; a backup is taken, as CloudHSM does.
 */
export async function createHsm(options: CreateHsmOptions): Promise<Hsm> {
  return withClusterLock(options.clusterId, async () => {
    const cluster = await loadCluster(options.clusterId, "cloudhsm");
    const mapping = JSON.parse(cluster.subnetMapping) as Record<string, string>;
    const subnetId = mapping[options.availabilityZone];
    if (!subnetId) throw invalidRequest(`The cluster has no subnet in ${options.availabilityZone}.`);
    const id = awsStyleId("hsm");
    const taken = cluster.hsms.filter((h) => h.state !== "DELETED").map((h) => h.eniIp);
    if (options.ipAddress !== undefined) {
      if (!usableEniIps(mapping, options.availabilityZone).includes(options.ipAddress)) {
        throw invalidRequest(`${options.ipAddress} is not a usable address of the subnet in ${options.availabilityZone}.`);
      }
      if (taken.includes(options.ipAddress)) throw invalidRequest(`${options.ipAddress} is already in use.`);
    }
    await db().hsm.create({
      data: {
        id,
        clusterId: cluster.id,
        availabilityZone: options.availabilityZone,
        subnetId,
        eniId: hexId("eni"),
        eniIp: options.ipAddress ?? allocateEniIp(mapping, options.availabilityZone, taken),
        state: "CREATE_IN_PROGRESS",
        tokenLabel: id,
      },
    });
    forgetCluster(cluster.id);
    try {
      const secrets = openClusterSecrets(cluster);
      initToken({
        label: id,
        soPin: secrets.soPin,
        userPin: secrets.kmsuserPassword,
        setup: (so) => createTrustedWrappingKey(so, secrets.wrapKey),
      });
      login(id, secrets.kmsuserPassword);
      await loadKeys(cluster, id);
    } catch (e) {
      try {
        deleteToken(id);
      } finally {
        await db().hsm.delete({ where: { id } });
        forgetCluster(cluster.id);
      }
      throw e;
    }
    const hsm = await db().hsm.update({ where: { id }, data: { state: "ACTIVE" } });
    if (cluster.state !== "ACTIVE") {
      await db().cluster.update({ where: { id: cluster.id }, data: { state: "ACTIVE", stateMessage: null } });
    }
    forgetCluster(cluster.id);
    try {
      await takeBackup(await loadCluster(cluster.id, "cloudhsm"));
    } catch (e) {
      console.warn(`automatic backup of ${cluster.id} after adding ${id} failed:`, e);
    }
    return hsm;
  });
}
