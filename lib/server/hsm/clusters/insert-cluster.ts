import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { forgetCluster } from "./cluster-access.ts";
import { sealClusterSecrets, type ClusterSecrets } from "./cluster-secrets.ts";
import { hexId } from "./network.ts";

export type ClusterRecordInput = {
  id: string;
  subnetMapping: Record<string, string>;
  trustAnchorPem: string;
  certificatesJson: string;
  secrets: ClusterSecrets;
  hsmType?: string;
  sourceBackupId?: string;
};

/**
 * Writes a new, initialised cluster without HSMs (state INITIALIZED; it becomes ACTIVE with its first
 * HSM). Shared by createCluster and restoreBackup.
 */
export async function insertCluster(input: ClusterRecordInput): Promise<void> {
  await db().cluster.create({
    data: {
      id: input.id,
      state: "INITIALIZED",
      hsmType: input.hsmType ?? "hsm1.medium",
      vpcId: hexId("vpc"),
      securityGroup: hexId("sg"),
      subnetMapping: JSON.stringify(input.subnetMapping),
      trustAnchorPem: input.trustAnchorPem,
      certificatesJson: input.certificatesJson,
      sourceBackupId: input.sourceBackupId,
      ...sealClusterSecrets(input.id, input.secrets),
    },
  });
  forgetCluster(input.id);
}
