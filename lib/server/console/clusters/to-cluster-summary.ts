import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import type { ClusterSummary } from "@/lib/schemas/clusters.ts";
import type { KmsuserState } from "@/lib/server/kms-service/local-backend.ts";

export type StoreRef = { customKeyStoreId: string; customKeyStoreName: string };

/**
 * The console's view of a cluster, with whether it can back a NEW key store and, if not, why: it must
 * be ACTIVE, have private subnets in at least two Availability Zones, at least two active HSMs in
 * different Availability Zones, and not already be used by a key store (spec §6.4).
 */
export function toClusterSummary(cluster: Cluster, keyStore: StoreRef | null, kmsuser?: KmsuserState): ClusterSummary {
  const hsms = (cluster.Hsms ?? [])
    .filter((h) => h.State !== "DELETED")
    .map((h) => ({
      hsmId: h.HsmId ?? "",
      availabilityZone: h.AvailabilityZone ?? "",
      state: h.State ?? "UNKNOWN",
      stateMessage: h.StateMessage || undefined,
      eniIp: h.EniIp || undefined,
      subnetId: h.SubnetId || undefined,
    }))
    .sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone) || a.hsmId.localeCompare(b.hsmId));
  const subnetZones = Object.keys(cluster.SubnetMapping ?? {}).sort();
  const activeZones = new Set(hsms.filter((h) => h.state === "ACTIVE").map((h) => h.availabilityZone));
  const reasons: string[] = [];
  if (cluster.State !== "ACTIVE") reasons.push(`The cluster is ${cluster.State ?? "not active"}; it must be ACTIVE.`);
  if (subnetZones.length < 2) reasons.push("The cluster needs private subnets in at least two Availability Zones.");
  if (activeZones.size < 2) {
    const active = hsms.filter((h) => h.state === "ACTIVE").length;
    reasons.push(
      `The cluster needs at least two active HSMs in different Availability Zones; it has ${active} active HSM${active === 1 ? "" : "s"} in ${activeZones.size} zone${activeZones.size === 1 ? "" : "s"}.`,
    );
  }
  if (keyStore) reasons.push(`The cluster is already used by key store ${keyStore.customKeyStoreName} (${keyStore.customKeyStoreId}).`);
  return {
    clusterId: cluster.ClusterId ?? "",
    state: cluster.State ?? "UNKNOWN",
    stateMessage: cluster.StateMessage || undefined,
    createTimestamp: cluster.CreateTimestamp ? new Date(cluster.CreateTimestamp).toISOString() : undefined,
    hsmType: cluster.HsmType,
    subnetZones,
    hsms,
    keyStore,
    eligibility: { eligible: reasons.length === 0, reasons },
    kmsuser: kmsuser && { loggedInBy: kmsuser.login?.by ?? null, lockedOut: kmsuser.lockedOut, failedLogins: kmsuser.failedLogins },
  };
}
