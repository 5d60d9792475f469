import "server-only";
import { DEFAULT_TOKEN_LABEL, ensureDefaultToken } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { generateClusterKey } from "@/lib/server/hsm/clusters/generate-cluster-key.ts";
import { deleteClusterKey } from "@/lib/server/hsm/clusters/delete-cluster-key.ts";
import { destroyKey, generateAesKey } from "@/lib/server/hsm/keys.ts";
import { span } from "@/lib/server/platform/bench-spans.ts";

// Where a KMS key's material lives: keys of a CloudHSM key store on every active HSM of the store's
// cluster, AWS_KMS keys in the service's default token. Both are AES-256 token keys labelled with the
// key ARN (the material never leaves the tokens).

export type KeyMaterialHome = { label: string; clusterId?: string | null };

export async function createKeyMaterial(home: KeyMaterialHome): Promise<void> {
  if (home.clusterId) {
    await generateClusterKey({ clusterId: home.clusterId, label: home.label });
    return;
  }
  await span("default token: ensure", () => ensureDefaultToken());
  await span("default token: C_GenerateKey", () => generateAesKey(DEFAULT_TOKEN_LABEL, home.label));
}

export type KeyMaterialDeletion = {
  /** DELETED: gone from every HSM that had it; PARTIAL: some HSMs failed; ABSENT: nothing was found. */
  status: "DELETED" | "PARTIAL" | "ABSENT";
  deletedFrom: string[];
  absentFrom: string[];
  failed: string[];
};

/** Destroys the material wherever it is; best effort on a cluster, as KMS's deletion is. */
export async function destroyKeyMaterial(home: KeyMaterialHome): Promise<KeyMaterialDeletion> {
  if (home.clusterId) {
    const result = await deleteClusterKey({ clusterId: home.clusterId, label: home.label });
    const status = result.failed.length > 0 ? "PARTIAL" : result.deletedFrom.length > 0 ? "DELETED" : "ABSENT";
    return { status, ...result };
  }
  await ensureDefaultToken();
  const deleted = await destroyKey(DEFAULT_TOKEN_LABEL, home.label);
  return {
    status: deleted ? "DELETED" : "ABSENT",
    deletedFrom: deleted ? [DEFAULT_TOKEN_LABEL] : [],
    absentFrom: deleted ? [] : [DEFAULT_TOKEN_LABEL],
    failed: [],
  };
}
