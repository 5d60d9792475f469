import "server-only";
import { encryptGcm, type GcmSealed } from "@/lib/server/hsm/aes-gcm.ts";
import { loadCluster, onAnyActiveHsm } from "./cluster-access.ts";

export type EncryptWithClusterKeyOptions = { clusterId: string; label: string; plaintext: Buffer; aad?: Buffer };

/** AES-256-GCM under the cluster key `label` on any active HSM (another one if that HSM fails). */
export async function encryptWithClusterKey(options: EncryptWithClusterKeyOptions): Promise<GcmSealed & { hsmId: string }> {
  const cluster = await loadCluster(options.clusterId, "kms");
  return onAnyActiveHsm(cluster, async (hsm) => ({
    ...(await encryptGcm(hsm.tokenLabel, options.label, options.plaintext, options.aad)),
    hsmId: hsm.id,
  }));
}
