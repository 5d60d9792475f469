import "server-only";
import { span } from "@/lib/server/platform/bench-spans.ts";
import { db } from "@/lib/server/platform/db.ts";
import { generateAesKey, hasKey, keyCheckValue } from "@/lib/server/hsm/keys.ts";
import { tokenPresent } from "@/lib/server/hsm/tokens.ts";
import { activeHsms, degradeIfTokenGone, ensureHsmLogin, forgetCluster, loadCluster } from "./cluster-access.ts";
import { clusterUnreachable, noActiveHsms } from "./cluster-errors.ts";
import { withClusterLock } from "./cluster-lock.ts";
import { replicateKey } from "./replicate-keys.ts";

export type GenerateClusterKeyOptions = { clusterId: string; label: string };

export type GeneratedClusterKey = { label: string; hsmIds: string[]; keyCheckValue: string };

/**
 * Generates an AES-256 key labelled `label` (the KMS key ARN) on the first usable active HSM and
 * replicates it to every other active HSM under the trusted cluster key. An HSM that cannot take the
 * copy is marked DEGRADED (it no longer holds all keys), as an out-of-sync CloudHSM HSM would be.
 * Idempotent: material already on an HSM under this label is reused and replicated, never replaced.
 */
export async function generateClusterKey(options: GenerateClusterKeyOptions): Promise<GeneratedClusterKey> {
  return withClusterLock(options.clusterId, async () => {
    const cluster = await span("cluster: load (cache)", () => loadCluster(options.clusterId, "kms"));
    const hsms = activeHsms(cluster);
    if (hsms.length === 0) throw noActiveHsms(cluster.id);

    // Idempotent: if an HSM already holds material under this label, that material is the key.
    const present = hsms.filter((hsm) => tokenPresent(hsm.tokenLabel));
    for (const hsm of hsms) if (!present.includes(hsm)) await degradeIfTokenGone(hsm);
    if (present.length === 0) throw clusterUnreachable(cluster.id);
    const usable = present.filter((hsm) => {
      try {
        ensureHsmLogin(cluster, hsm);
        return true;
      } catch {
        return false;
      }
    });
    let source = usable.find((hsm) => hasKey(hsm.tokenLabel, options.label));
    let lastError: unknown;
    for (const hsm of source ? [] : usable) {
      try {
        await span("cluster: C_GenerateKey on the first HSM", () => generateAesKey(hsm.tokenLabel, options.label, { syncable: true }));
        source = hsm;
        break;
      } catch (e) {
        lastError = e;
        if (!(await degradeIfTokenGone(hsm))) throw e;
      }
    }
    if (!source) {
      if (lastError) throw lastError;
      // No HSM could be logged in to: report why (e.g. USER_LOCKED_OUT).
      ensureHsmLogin(cluster, present[0]!);
      throw clusterUnreachable(cluster.id);
    }

    // The key's check value on the source: computed by the first copy (beside its unwrap), compared
    // with each copy's, and returned.
    let kcv: Buffer | undefined;
    const hsmIds = [source.id];
    for (const hsm of present) {
      if (hsm === source) continue;
      try {
        ensureHsmLogin(cluster, hsm);
        kcv = await span("cluster: copy to another HSM (wrap, unwrap, check values)", () =>
          replicateKey(source.tokenLabel, hsm.tokenLabel, options.label, kcv),
        );
        hsmIds.push(hsm.id);
      } catch (e) {
        if (!(await degradeIfTokenGone(hsm))) {
          await db().hsm.update({
            where: { id: hsm.id },
            data: { state: "DEGRADED", stateMessage: "The HSM could not be synchronised with the cluster." },
          });
          forgetCluster(cluster.id);
          console.warn(`replicating ${options.label} to ${hsm.id} failed:`, e);
        }
      }
    }
    kcv ??= await span("cluster: key check value", () => keyCheckValue(source.tokenLabel, options.label));
    return { label: options.label, hsmIds, keyCheckValue: kcv.toString("hex") };
  });
}
