import "server-only";
import { DEFAULT_TOKEN_LABEL, ensureDefaultToken } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { generateClusterRandom } from "@/lib/server/hsm/clusters/generate-cluster-random.ts";
import { isAppError } from "@/lib/server/platform/errors.ts";
import { generateRandom } from "@/lib/server/hsm/random.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { requireConnectedKeyStore } from "@/lib/server/kms-service/key-stores/index.ts";
import { chargeCustomKeyStoreQuota } from "./custom-key-store-quota.ts";

export type GenerateRandomOptions = { numberOfBytes: number; customKeyStoreId?: string };

const MODELLED = new Set([
  "DependencyTimeoutException",
  "KMSInternalException",
  "UnsupportedOperationException",
  "CustomKeyStoreNotFoundException",
  "CustomKeyStoreInvalidStateException",
]);

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
  const store = await requireConnectedKeyStore(o.customKeyStoreId).catch((e: unknown) => {
    // "KMS cannot communicate with your CloudHSM cluster" is a store-state error for GenerateRandom.
    if (e instanceof KmsError && e.code === "KMSInvalidStateException")
      throw new KmsError("CustomKeyStoreInvalidStateException", e.message);
    throw e;
  });
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
