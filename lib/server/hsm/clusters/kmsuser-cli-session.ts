import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { logout } from "@/lib/server/hsm/session-pool.ts";
import { forgetCluster, loadCluster } from "./cluster-access.ts";
import { invalidRequest } from "./cluster-errors.ts";
import { withClusterLock } from "./cluster-lock.ts";
import { loginEveryActiveHsm } from "./login-kmsuser.ts";

// An administrator's CloudHSM CLI session as kmsuser (`login --username kmsuser --role crypto-user`,
// `logout`), emulated on the cluster's tokens: a real C_Login with the given password (a wrong one
// counts towards the lockout, as in CloudHSM) and a mark on the cluster, which makes KMS's next connect
// fail with USER_LOGGED_IN until the administrator logs out. The caller checks that no key store is
// connected to the cluster (KMS holds kmsuser then).

export type KmsuserCliLoginOptions = { clusterId: string; password: string };

export async function loginKmsuserWithCli({ clusterId, password }: KmsuserCliLoginOptions): Promise<void> {
  await withClusterLock(clusterId, async () => {
    const cluster = await loadCluster(clusterId, "cloudhsm");
    if (cluster.kmsuserLoggedInAt) throw invalidRequest("kmsuser is already logged in to this cluster.");
    await loginEveryActiveHsm(cluster, password);
    await db().cluster.update({ where: { id: cluster.id }, data: { kmsuserLoggedInAt: new Date() } });
    forgetCluster(cluster.id);
  });
}

export async function logoutKmsuserWithCli({ clusterId }: { clusterId: string }): Promise<void> {
  await withClusterLock(clusterId, async () => {
    const cluster = await loadCluster(clusterId, "cloudhsm");
    if (!cluster.kmsuserLoggedInAt) throw invalidRequest("kmsuser is not logged in to this cluster.");
    for (const hsm of cluster.hsms) logout(hsm.tokenLabel);
    await db().cluster.update({ where: { id: cluster.id }, data: { kmsuserLoggedInAt: null } });
    forgetCluster(cluster.id);
  });
}
