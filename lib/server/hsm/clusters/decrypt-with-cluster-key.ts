import "server-only";
import { decryptGcm, type GcmSealed } from "@/lib/server/hsm/aes-gcm.ts";
import { loadCluster, onAnyActiveHsm } from "./cluster-access.ts";

export type DecryptWithClusterKeyOptions = GcmSealed & { clusterId: string; label: string; aad?: Buffer };

/** Decrypts on any active HSM; a bad tag/AAD is InvalidCiphertextException (not retried elsewhere). */
export async function decryptWithClusterKey(options: DecryptWithClusterKeyOptions): Promise<{ plaintext: Buffer; hsmId: string }> {
  const cluster = await loadCluster(options.clusterId, "kms");
  const sealed = { iv: options.iv, ciphertext: options.ciphertext, tag: options.tag };
  return onAnyActiveHsm(cluster, async (hsm) => ({
    plaintext: await decryptGcm(hsm.tokenLabel, options.label, sealed, options.aad),
    hsmId: hsm.id,
  }));
}
