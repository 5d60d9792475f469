import "server-only";
import { db } from "@/lib/server/platform/db.ts";

/** Who has kmsuser logged in: KMS for a key store (connected or on its way), an administrator's CLI, or nobody. */
export type KmsuserLogin =
  { by: "kms"; customKeyStoreId: string; customKeyStoreName: string; connectionState: string } | { by: "cli"; since: Date } | null;

export type KmsuserState = { clusterId: string; login: KmsuserLogin; lockedOut: boolean; failedLogins: number };

/** States in which KMS holds (or is taking, or giving back) the kmsuser login of the store's cluster. */
const KMS_HOLDS_KMSUSER = ["CONNECTED", "CONNECTING", "DISCONNECTING"];

/** kmsuser on each local cluster (not deleted): logged in by whom, locked out, failed logins since the last success. */
export async function describeKmsuserStates(clusterIds?: string[]): Promise<KmsuserState[]> {
  const where = clusterIds ? { id: { in: clusterIds } } : {};
  const [clusters, stores] = await Promise.all([
    db().cluster.findMany({
      where: { ...where, state: { not: "DELETED" } },
      select: { id: true, kmsuserFailedLogins: true, kmsuserLockedAt: true, kmsuserLoggedInAt: true },
    }),
    db().customKeyStore.findMany({
      where: { cloudHsmClusterId: clusterIds ? { in: clusterIds } : { not: null }, connectionState: { in: KMS_HOLDS_KMSUSER } },
      select: { id: true, name: true, cloudHsmClusterId: true, connectionState: true },
    }),
  ]);
  return clusters.map((c) => {
    const store = stores.find((s) => s.cloudHsmClusterId === c.id);
    const login: KmsuserLogin = store
      ? { by: "kms", customKeyStoreId: store.id, customKeyStoreName: store.name, connectionState: store.connectionState }
      : c.kmsuserLoggedInAt
        ? { by: "cli", since: c.kmsuserLoggedInAt }
        : null;
    return { clusterId: c.id, login, lockedOut: c.kmsuserLockedAt !== null, failedLogins: c.kmsuserFailedLogins };
  });
}
