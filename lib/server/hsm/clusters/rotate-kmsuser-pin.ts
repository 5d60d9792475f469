import "server-only";
import fs from "node:fs";
import type { Prisma } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { setUserPin } from "@/lib/server/hsm/tokens.ts";
import { activeHsms, degradeIfTokenGone, forgetCluster, loadCluster } from "./cluster-access.ts";
import { invalidRequest, noActiveHsms } from "./cluster-errors.ts";
import { kmsuserPasswordFile, writeKmsuserPasswordFile } from "./cluster-files.ts";
import { withClusterLock } from "./cluster-lock.ts";
import { KMSUSER_PASSWORD, kmsuserPassword, sealKmsuserPassword, soPin } from "./cluster-secrets.ts";

export type ChangeKmsuserPasswordOptions = {
  clusterId: string;
  newPassword: string;
  /**
   * Writes committed in the same transaction as the cluster's new sealed password (KMS's rotation on
   * connect stores the password in the key store too): if they fail, every HSM gets the old one back.
   */
  alsoWrite?: (newPassword: string) => Prisma.PrismaPromise<unknown>[];
  /** The demo cluster's starting-password file follows an administrator's change, not KMS's rotation. */
  updatePasswordFile?: boolean;
};

/**
 * Sets kmsuser's password on every active HSM as the crypto officer does (SO session, C_InitPIN),
 * unlocks kmsuser and resets its failed-login count. kmsuser is logged out of the cluster's tokens
 * (an administrator's CloudHSM CLI session included).
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
      await db().$transaction([
        db().cluster.update({
          where: { id: cluster.id },
          data: {
            kmsuserPasswordSealed: sealKmsuserPassword(cluster.id, options.newPassword),
            kmsuserFailedLogins: 0,
            kmsuserLockedAt: null,
            kmsuserLoggedInAt: null,
          },
        }),
        ...(options.alsoWrite?.(options.newPassword) ?? []),
      ]);
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
    if (options.updatePasswordFile !== false && fs.existsSync(kmsuserPasswordFile(cluster.id)))
      writeKmsuserPasswordFile(cluster.id, options.newPassword);
  });
}
