import "server-only";
import { DEFAULT_TOKEN_LABEL, ensureDefaultToken } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { decryptWithClusterKey } from "@/lib/server/hsm/clusters/decrypt-with-cluster-key.ts";
import { encryptWithClusterKey } from "@/lib/server/hsm/clusters/encrypt-with-cluster-key.ts";
import { generateClusterRandom } from "@/lib/server/hsm/clusters/generate-cluster-random.ts";
import { decryptGcm, encryptGcm, type GcmSealed } from "@/lib/server/hsm/aes-gcm.ts";
import { generateRandom } from "@/lib/server/hsm/random.ts";
import { clusterOfKey, type KeyRecord } from "@/lib/server/kms-service/keys/key-record.ts";

// AES-256-GCM and random bytes on the HSM that holds a key's material: any active HSM of its
// CloudHSM key store's cluster, or the default token for AWS_KMS keys.

export async function sealUnderKey(key: KeyRecord, plaintext: Buffer, aad: Buffer): Promise<GcmSealed> {
  const clusterId = clusterOfKey(key);
  if (clusterId) return encryptWithClusterKey({ clusterId, label: key.keyMaterialLabel, plaintext, aad });
  await ensureDefaultToken();
  return encryptGcm(DEFAULT_TOKEN_LABEL, key.keyMaterialLabel, plaintext, aad);
}

export async function openUnderKey(key: KeyRecord, sealed: GcmSealed, aad: Buffer): Promise<Buffer> {
  const clusterId = clusterOfKey(key);
  if (clusterId) return (await decryptWithClusterKey({ clusterId, label: key.keyMaterialLabel, ...sealed, aad })).plaintext;
  await ensureDefaultToken();
  return decryptGcm(DEFAULT_TOKEN_LABEL, key.keyMaterialLabel, sealed, aad);
}

/** Data-key bytes from the same HSMs as the key's material. */
export async function randomBesideKey(key: KeyRecord, length: number): Promise<Buffer> {
  const clusterId = clusterOfKey(key);
  if (clusterId) return generateClusterRandom({ clusterId, length });
  await ensureDefaultToken();
  return generateRandom(DEFAULT_TOKEN_LABEL, length);
}
