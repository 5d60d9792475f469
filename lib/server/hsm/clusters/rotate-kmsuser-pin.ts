import "server-only";
import fs from "node:fs";
import { db } from "@/lib/server/platform/db.ts";
import { setUserPin } from "@/lib/server/hsm/tokens.ts";
import { activeHsms, degradeIfTokenGone, forgetCluster, loadCluster } from "./cluster-access.ts";
import { invalidRequest, noActiveHsms } from "./cluster-errors.ts";
import { kmsuserPasswordFile, writeKmsuserPasswordFile } from "./cluster-files.ts";
import { withClusterLock } from "./cluster-lock.ts";
import { KMSUSER_PASSWORD, kmsuserPassword, sealKmsuserPassword, soPin } from "./cluster-secrets.ts";

export type ChangeKmsuserPasswordOptions = { clusterId: string; newPassword: string };

/**
 * Sets kmsuser's password on every active HSM as the crypto officer does (SO session, C_InitPIN),
 * unlocks kmsuser and resets its failed-login count. kmsuser is logged out of the cluster's tokens.
 */
export async function changeKmsuserPassword(options: ChangeKmsuserPasswordOptions): Promise<void> {
  if (!KMSUSER_PASSWORD.test(options.newPassword)) {
    throw invalidRequest("The kmsuser password must be 7 to 32 alphanumeric characters.");
  }
  await withClusterLock(options.clusterId, async () => {
    const cluster = await loadCluster(options.clusterId, "cloudhsm");
    const so = soPin(cluster);
    // Every HSM gets the new password, or none keeps it: a failure part-way (or in the database write)
    // puts the old one back on the HSMs already changed, so the cluster never disagrees with itself.
    const changed: typeof cluster.hsms = [];
    try {
      for (const hsm of activeHsms(cluster)) {
        try {
          setUserPin(hsm.tokenLabel, so, options.newPassword);
          changed.push(hsm);
        } catch (e) {
          if (!(await degradeIfTokenGone(hsm))) throw e;
        }
      }
      if (changed.length === 0) throw noActiveHsms(cluster.id);
      await db().cluster.update({
        where: { id: cluster.id },
        data: {
          kmsuserPasswordSealed: sealKmsuserPassword(cluster.id, options.newPassword),
          kmsuserFailedLogins: 0,
          kmsuserLockedAt: null,
        },
      });
    } catch (e) {
      const old = kmsuserPassword(cluster);
      for (const hsm of changed) {
        try {
          setUserPin(hsm.tokenLabel, so, old);
        } catch (undo) {
          console.error(`[clusters] could not restore kmsuser's password on ${hsm.id} after a failed change:`, undo);
        }
      }
      throw e;
    } finally {
      forgetCluster(cluster.id);
    }
    if (fs.existsSync(kmsuserPasswordFile(cluster.id))) writeKmsuserPasswordFile(cluster.id, options.newPassword);
  });
}
