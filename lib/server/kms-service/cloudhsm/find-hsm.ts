import "server-only";
import type { Hsm } from "@/lib/generated/prisma-sqlite/client.ts";
import { loadCluster } from "@/lib/server/hsm/clusters/cluster-access.ts";
import { invalidRequest, resourceNotFound } from "@/lib/server/hsm/clusters/cluster-errors.ts";

export type FindHsmOptions = { clusterId: string; hsmId?: string; eniId?: string; eniIp?: string };

/**
 * The HSM of a cluster named by its id, its ENI's id or its ENI's address (DeleteHsm: one is enough;
 * several must name the same HSM). CloudHsmResourceNotFoundException for an unknown cluster or HSM.
 */
export async function findHsm(options: FindHsmOptions): Promise<Hsm> {
  const { hsmId, eniId, eniIp } = options;
  if (hsmId === undefined && eniId === undefined && eniIp === undefined) {
    throw invalidRequest("Specify the HSM to delete by HsmId, EniId or EniIp.");
  }
  const cluster = await loadCluster(options.clusterId, "cloudhsm");
  const hsm = cluster.hsms.find(
    (h) =>
      h.state !== "DELETED" &&
      (hsmId === undefined || h.id === hsmId) &&
      (eniId === undefined || h.eniId === eniId) &&
      (eniIp === undefined || h.eniIp === eniIp),
  );
  if (!hsm) throw resourceNotFound(`HSM ${hsmId ?? eniId ?? eniIp} in cluster ${cluster.id}`);
  return hsm;
}
