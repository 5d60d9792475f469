import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { login, logout } from "@/lib/server/hsm/session-pool.ts";
import { activeHsms, degradeIfTokenGone, forgetCluster, loadCluster, type ClusterWithHsms } from "./cluster-access.ts";
import { kmsuserLockedOut, kmsuserLoggedIn, noActiveHsms } from "./cluster-errors.ts";
import { withClusterLock } from "./cluster-lock.ts";

export type LoginKmsuserOptions = { clusterId: string; password: string };

/** CloudHSM locks a crypto user after this many failed logins; SoftHSM never locks, so Keyhold counts. */
export const MAX_FAILED_LOGINS = 5;

/**
 * Logs kmsuser in to every active HSM with the given password, as KMS does when it connects a key
 * store. Refused with USER_LOGGED_IN while an administrator has kmsuser logged in (the CloudHSM CLI
 * session of kmsuser-cli-session.ts): KMS could not rotate the password then. Each token's C_Login runs
 * once (a logged-in token is logged out first so the password is really checked). A wrong password is
 * INVALID_CREDENTIALS and counts a failure; the fifth failure locks kmsuser, and from then on every
 * login is USER_LOCKED_OUT until changeKmsuserPassword.
 */
export async function loginKmsuser(options: LoginKmsuserOptions): Promise<{ hsmIds: string[] }> {
  return withClusterLock(options.clusterId, async () => {
    const cluster = await loadCluster(options.clusterId, "kms");
    if (cluster.kmsuserLoggedInAt) throw kmsuserLoggedIn(cluster.id);
    return loginEveryActiveHsm(cluster, options.password);
  });
}

/** Checks the lockout, then C_Login on every active HSM, counting a wrong password. Call under the cluster lock. */
export async function loginEveryActiveHsm(cluster: ClusterWithHsms, password: string): Promise<{ hsmIds: string[] }> {
  if (cluster.kmsuserLockedAt) throw kmsuserLockedOut(cluster.id);
  const hsmIds: string[] = [];
  for (const hsm of activeHsms(cluster)) {
    logout(hsm.tokenLabel);
    try {
      login(hsm.tokenLabel, password);
      hsmIds.push(hsm.id);
    } catch (e) {
      if (e instanceof AppError && e.connectionErrorCode === "INVALID_CREDENTIALS") {
        // Whatever logged in before this failure is logged out again: a wrong password leaves nobody in.
        for (const h of activeHsms(cluster)) logout(h.tokenLabel);
        const { kmsuserFailedLogins } = await db().cluster.update({
          where: { id: cluster.id },
          data: { kmsuserFailedLogins: { increment: 1 } },
        });
        if (kmsuserFailedLogins >= MAX_FAILED_LOGINS) {
          await db().cluster.update({ where: { id: cluster.id }, data: { kmsuserLockedAt: new Date() } });
        }
        forgetCluster(cluster.id);
        throw e;
      }
      if (!(await degradeIfTokenGone(hsm))) throw e;
    }
  }
  if (hsmIds.length === 0) throw noActiveHsms(cluster.id);
  if (cluster.kmsuserFailedLogins > 0) {
    await db().cluster.update({ where: { id: cluster.id }, data: { kmsuserFailedLogins: 0 } });
    forgetCluster(cluster.id);
  }
  return { hsmIds };
}
