import "server-only";
import type { Cluster as HsmCluster, Hsm as HsmShape } from "@aws-sdk/client-cloudhsm-v2";
import type { Hsm } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";

export type DescribeClustersOptions = {
  clusterIds?: string[];
  states?: string[];
  /** Include HSMs in state DELETED (CloudHSM stops listing them). */
  includeDeletedHsms?: boolean;
};

/** An HSM row in CloudHSM's Hsm shape (also the output of CreateHsm). */
export function hsmShape(hsm: Hsm): HsmShape {
  return {
    HsmId: hsm.id,
    ClusterId: hsm.clusterId,
    AvailabilityZone: hsm.availabilityZone,
    SubnetId: hsm.subnetId,
    EniId: hsm.eniId,
    EniIp: hsm.eniIp,
    State: hsm.state,
    StateMessage: hsm.stateMessage ?? undefined,
  };
}

/** Clusters in the shape of CloudHSM's DescribeClusters (no secrets), oldest first. */
export async function describeClusters(options: DescribeClustersOptions = {}): Promise<HsmCluster[]> {
  const rows = await db().cluster.findMany({
    where: {
      ...(options.clusterIds ? { id: { in: options.clusterIds } } : {}),
      state: options.states ? { in: options.states } : { not: "DELETED" },
    },
    include: { hsms: { orderBy: { createdAt: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((c) => ({
    ClusterId: c.id,
    BackupPolicy: "DEFAULT",
    BackupRetentionPolicy: { Type: "DAYS", Value: "90" },
    CreateTimestamp: c.createdAt,
    Hsms: c.hsms.filter((h) => options.includeDeletedHsms || h.state !== "DELETED").map(hsmShape),
    HsmType: c.hsmType,
    SecurityGroup: c.securityGroup,
    SourceBackupId: c.sourceBackupId ?? undefined,
    State: c.state,
    StateMessage: c.stateMessage ?? undefined,
    SubnetMapping: JSON.parse(c.subnetMapping) as Record<string, string>,
    VpcId: c.vpcId,
    Certificates: JSON.parse(c.certificatesJson) as HsmCluster["Certificates"],
  }));
}
