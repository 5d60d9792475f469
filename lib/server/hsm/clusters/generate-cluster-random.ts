import "server-only";
import { generateRandom } from "@/lib/server/hsm/random.ts";
import { loadCluster, onAnyActiveHsm } from "./cluster-access.ts";

export type GenerateClusterRandomOptions = { clusterId: string; length: number };

/** Random bytes from an active HSM of the cluster (KMS GenerateRandom with a CloudHSM key store). */
export async function generateClusterRandom(options: GenerateClusterRandomOptions): Promise<Buffer> {
  const cluster = await loadCluster(options.clusterId, "kms");
  return onAnyActiveHsm(cluster, (hsm) => generateRandom(hsm.tokenLabel, options.length));
}
