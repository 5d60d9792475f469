import "server-only";
import type { CustomKeyStoresListEntry } from "@aws-sdk/client-kms";
import type { XksProbe, XksProxyHealth } from "@/lib/schemas/key-stores.ts";
import type { XksHealthStatus } from "@/lib/generated/prisma-sqlite/client.ts";
import { probeLocalXksKeyStore } from "@/lib/server/kms-service/local-backend.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";

// The status poller's look at each external key store's proxy: GetHealthStatus as KMS sends it, with
// the store's own settings, its answer (the proxy's fleet) and latency cached in XksHealthStatus, so
// the store page shows the proxy's health and the latency of the last checks even while the proxy or
// the backend is down. Local backend only: AWS KMS has no API that returns a proxy's health (its
// CloudWatch metrics are the way there), and the console never holds the proxy's secret.

/** How many checks each store keeps (the latency history the store page shows). */
export const XKS_PROBES_KEPT = 20;

async function probeOne(customKeyStoreId: string, at: Date): Promise<void> {
  const result = await probeLocalXksKeyStore(customKeyStoreId);
  if (!result) return;
  const probe: XksProbe = result.ok
    ? { at: at.toISOString(), ok: true, latencyMs: result.latencyMs }
    : { at: at.toISOString(), ok: false, latencyMs: result.latencyMs, errorCode: result.errorCode, message: result.message };
  const old = await db().xksHealthStatus.findUnique({ where: { customKeyStoreId } });
  const probes = [probe, ...(old ? (JSON.parse(old.probesJson) as XksProbe[]) : [])].slice(0, XKS_PROBES_KEPT);
  const report = result.ok ? { reportJson: JSON.stringify(result.health), reportAt: at } : {};
  await db().xksHealthStatus.upsert({
    where: { customKeyStoreId },
    create: { customKeyStoreId, probesJson: JSON.stringify(probes), checkedAt: at, ...report },
    update: { probesJson: JSON.stringify(probes), checkedAt: at, ...report },
  });
}

/** Probes every external key store's proxy (in parallel) and drops the rows of stores that are gone. */
export async function probeXksStores(stores: CustomKeyStoresListEntry[], at: Date): Promise<void> {
  if (env().KEYHOLD_BACKEND !== "local") return;
  const ids = stores.filter((s) => s.CustomKeyStoreType === "EXTERNAL_KEY_STORE").map((s) => s.CustomKeyStoreId!);
  await db().xksHealthStatus.deleteMany({ where: { customKeyStoreId: { notIn: ids } } });
  await Promise.all(
    ids.map((id) =>
      // A failed probe write says nothing about KMS: it must not fail the poll.
      probeOne(id, at).catch((e: unknown) => console.warn(`[keyhold] checking the XKS proxy of ${id} failed:`, e)),
    ),
  );
}

/** A cached row as the store page shows it. */
export function toXksProxyHealth(row: XksHealthStatus): XksProxyHealth {
  return {
    report: row.reportJson ? (JSON.parse(row.reportJson) as XksProxyHealth["report"]) : null,
    reportAt: row.reportAt ? row.reportAt.toISOString() : null,
    probes: JSON.parse(row.probesJson) as XksProbe[],
  };
}
