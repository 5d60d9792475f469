import "server-only";
import { toAppError } from "@/lib/server/hsm/errors.ts";
import { listKeyLabels } from "@/lib/server/hsm/keys.ts";
import { ensureHsmLogin, loadCluster } from "./cluster-access.ts";

export type ListClusterKeyLabelsOptions = { clusterId: string };

export type HsmKeyInventory = {
  hsmId: string;
  availabilityZone: string;
  state: string;
  /** Labels (KMS key ARNs) of the key material on this HSM; null if the HSM could not be read. */
  labels: string[] | null;
  error?: { code: string; message: string };
};

/** Per HSM (not deleted), the labels of the key material it holds — for inventories and sync checks. */
export async function listClusterKeyLabels(options: ListClusterKeyLabelsOptions): Promise<HsmKeyInventory[]> {
  const cluster = await loadCluster(options.clusterId, "kms");
  return cluster.hsms
    .filter((h) => h.state === "ACTIVE" || h.state === "DEGRADED")
    .map((hsm) => {
      const base = { hsmId: hsm.id, availabilityZone: hsm.availabilityZone, state: hsm.state };
      try {
        ensureHsmLogin(cluster, hsm);
        return { ...base, labels: listKeyLabels(hsm.tokenLabel) };
      } catch (e) {
        const error = toAppError(e);
        return { ...base, labels: null, error: { code: error.code, message: error.safeMessage } };
      }
    });
}
