import "server-only";
import { activeHsms, loadCluster, type ClusterWithHsms } from "@/lib/server/hsm/clusters/cluster-access.ts";
import { isAppError } from "@/lib/server/platform/errors.ts";
import { clusterInvalidConfiguration, clusterNotActive } from "./key-store-errors.ts";

/**
 * The cluster requirements of an AWS CloudHSM key store (spec §4 CreateCustomKeyStore, §6.4), checked
 * in this order: the cluster exists (CloudHsmClusterNotFoundException), is ACTIVE
 * (CloudHsmClusterNotActiveException). `checkConfiguration` then checks private subnets in at least two
 * AZs and two ACTIVE HSMs in different AZs (CloudHsmClusterInvalidConfigurationException), as
 * CreateCustomKeyStore, UpdateCustomKeyStore and CreateKey require.
 */
export async function loadActiveCluster(clusterId: string): Promise<ClusterWithHsms> {
  const cluster = await loadCluster(clusterId, "kms");
  if (cluster.state !== "ACTIVE") throw clusterNotActive(cluster.id, cluster.state);
  return cluster;
}

export function checkSubnets(cluster: ClusterWithHsms): void {
  const zones = Object.keys(JSON.parse(cluster.subnetMapping) as Record<string, string>);
  if (zones.length < 2) {
    throw clusterInvalidConfiguration(
      cluster.id,
      `has private subnets in ${zones.length} Availability Zone${zones.length === 1 ? "" : "s"}; a key store needs subnets in at least two.`,
    );
  }
}

export function checkTwoActiveHsmsInDifferentZones(cluster: ClusterWithHsms): void {
  const active = activeHsms(cluster);
  const zones = new Set(active.map((h) => h.availabilityZone));
  if (zones.size < 2) {
    throw clusterInvalidConfiguration(
      cluster.id,
      `has ${active.length} active HSM${active.length === 1 ? "" : "s"} in ${zones.size} Availability Zone${zones.size === 1 ? "" : "s"}; it needs at least two active HSMs, each in a different Availability Zone. Add an HSM with CreateHsm.`,
    );
  }
}

export function checkConfiguration(cluster: ClusterWithHsms): void {
  checkSubnets(cluster);
  checkTwoActiveHsmsInDifferentZones(cluster);
}

/** The cluster certificate (PEM) from DescribeClusters' Certificates. */
export function clusterCertificate(cluster: Pick<ClusterWithHsms, "certificatesJson">): string | undefined {
  const certs = JSON.parse(cluster.certificatesJson) as { ClusterCertificate?: string };
  return certs.ClusterCertificate;
}

/**
 * For ConnectCustomKeyStore's synchronous check: the cluster if it exists and is ACTIVE; undefined when
 * it is gone (the connect then fails with CLUSTER_NOT_FOUND); CloudHsmClusterNotActiveException otherwise.
 */
export async function clusterNotActiveUnlessGone(clusterId: string): Promise<ClusterWithHsms | undefined> {
  let cluster: ClusterWithHsms;
  try {
    cluster = await loadCluster(clusterId, "kms");
  } catch (e) {
    if (isAppError(e) && e.connectionErrorCode === "CLUSTER_NOT_FOUND") return undefined;
    throw e;
  }
  if (cluster.state !== "ACTIVE") throw clusterNotActive(cluster.id, cluster.state);
  return cluster;
}
