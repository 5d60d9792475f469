import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { isIssuedBy } from "@/lib/server/platform/x509/is-issued-by.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";
import { checkConfiguration, clusterCertificate, loadActiveCluster } from "./check-cluster-for-key-store.ts";
import { clustersRelated } from "./clusters-related.ts";
import { clusterInUse, incorrectTrustAnchor, keyStoreLimitExceeded, keyStoreNameInUse } from "./key-store-errors.ts";
import { withKeyStoreLock } from "./key-store-lock.ts";
import { openKeyStorePassword, sealKeyStorePassword } from "./key-store-password.ts";
import { newKeyStoreId } from "./new-key-store-id.ts";

/** Custom key stores per account and Region, all types and states (spec §6.5; not adjustable). */
/** Custom key stores per account and Region: KMS allows 10 (KEYHOLD_CUSTOM_KEY_STORE_LIMIT, env.ts). */
export const maxCustomKeyStores = (): number => env().KEYHOLD_CUSTOM_KEY_STORE_LIMIT;

export type CreateLocalKeyStoreOptions = {
  name: string;
  cloudHsmClusterId: string;
  trustAnchorCertificate: string;
  keyStorePassword: string;
};

/**
 * Creates an AWS_CLOUDHSM key store, DISCONNECTED. Checks, in order (spec §4 CreateCustomKeyStore):
 * an identical retry of a DISCONNECTED store returns its id; the name is unused; fewer than 10 stores;
 * the cluster exists and is ACTIVE; no store uses it or a cluster of its backup history; subnets in two
 * AZs and two ACTIVE HSMs in different AZs; the trust anchor issued the cluster certificate.
 */
export async function createLocalKeyStore(options: CreateLocalKeyStoreOptions): Promise<{ customKeyStoreId: string }> {
  return withKeyStoreLock(async () => {
    const sameName = await db().customKeyStore.findUnique({ where: { name: options.name } });
    if (sameName) {
      if (isIdenticalRetry(sameName, options)) return { customKeyStoreId: sameName.id };
      throw keyStoreNameInUse(options.name);
    }
    if ((await db().customKeyStore.count()) >= maxCustomKeyStores()) throw keyStoreLimitExceeded(maxCustomKeyStores());

    const cluster = await loadActiveCluster(options.cloudHsmClusterId);
    for (const store of await db().customKeyStore.findMany({ where: { type: "AWS_CLOUDHSM" } })) {
      if (!store.cloudHsmClusterId) continue;
      const other = await db().cluster.findUnique({ where: { id: store.cloudHsmClusterId } });
      const related = other ? await clustersRelated(cluster, other) : store.cloudHsmClusterId === cluster.id;
      if (related) throw clusterInUse(cluster.id, store.id);
    }
    checkConfiguration(cluster);
    const certificate = clusterCertificate(cluster);
    if (!certificate || !(await isIssuedBy(certificate, options.trustAnchorCertificate))) {
      throw incorrectTrustAnchor(cluster.id);
    }

    const id = newKeyStoreId();
    await db().customKeyStore.create({
      data: {
        id,
        name: options.name,
        type: "AWS_CLOUDHSM",
        cloudHsmClusterId: cluster.id,
        trustAnchorPem: options.trustAnchorCertificate,
        keyStorePasswordSealed: sealKeyStorePassword(id, options.keyStorePassword),
        connectionState: "DISCONNECTED",
      },
    });
    return { customKeyStoreId: id };
  });
}

function normalizePem(pem: string | null): string {
  return (pem ?? "").replace(/\r\n/g, "\n").trim();
}

/** "All of the same property values as an existing disconnected AWS CloudHSM key store" ([GUIDE] create-keystore). */
function isIdenticalRetry(store: CustomKeyStore, options: CreateLocalKeyStoreOptions): boolean {
  return (
    store.type === "AWS_CLOUDHSM" &&
    store.connectionState === "DISCONNECTED" &&
    store.cloudHsmClusterId === options.cloudHsmClusterId &&
    normalizePem(store.trustAnchorPem) === normalizePem(options.trustAnchorCertificate) &&
    openKeyStorePassword(store) === options.keyStorePassword
  );
}
