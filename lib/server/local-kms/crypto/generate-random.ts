import "server-only";
import { DEFAULT_TOKEN_LABEL, ensureDefaultToken } from "@/lib/server/clusters/ensure-default-token.ts";
import { generateClusterRandom } from "@/lib/server/clusters/generate-cluster-random.ts";
import { isAppError } from "@/lib/server/errors.ts";
import { generateRandom } from "@/lib/server/hsm/random.ts";
import { KmsError } from "@/lib/server/local-kms/wire/kms-error.ts";
import { loadCustomKeyStore, requireConnected } from "@/lib/server/local-kms/keys/custom-key-store-checks.ts";
import { chargeCustomKeyStoreQuota } from "./custom-key-store-quota.ts";

export type GenerateRandomOptions = { numberOfBytes: number; customKeyStoreId?: string };

const MODELLED = new Set(["DependencyTimeoutException", "KMSInternalException", "UnsupportedOperationException", "CustomKeyStoreNotFoundException", "CustomKeyStoreInvalidStateException"]);

/**
 * 1–1024 random bytes: from the CloudHSM cluster of a CONNECTED CloudHSM key store (counted against
 * its quota), else from the service's default token. An external key store is
 * UnsupportedOperationException. A cluster that cannot serve (no active HSM, …) is reported as
 * CustomKeyStoreInvalidStateException, the store-state error GenerateRandom models.
 */
export async function generateRandomBytes(o: GenerateRandomOptions): Promise<Buffer> {
  if (o.customKeyStoreId === undefined) {
    await ensureDefaultToken();
    return generateRandom(DEFAULT_TOKEN_LABEL, o.numberOfBytes);
  }
  const store = await loadCustomKeyStore(o.customKeyStoreId);
  if (store.type !== "AWS_CLOUDHSM" || !store.cloudHsmClusterId) {
    throw new KmsError("UnsupportedOperationException", `GenerateRandom is not supported for the ${store.type} custom key store '${store.id}'.`);
  }
  requireConnected(store);
  chargeCustomKeyStoreQuota(store.id);
  try {
    return await generateClusterRandom({ clusterId: store.cloudHsmClusterId, length: o.numberOfBytes });
  } catch (e) {
    if (isAppError(e) && !MODELLED.has(e.code) && e.status < 500) {
      throw new KmsError("CustomKeyStoreInvalidStateException", e.safeMessage);
    }
    throw e;
  }
}
