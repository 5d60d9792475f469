import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import type { CustomKeyStoresListEntry } from "@aws-sdk/client-kms";
import type { BackendStatus, KeyStoreSummary, StatusChange } from "@/lib/schemas/key-stores.ts";
import { db } from "@/lib/server/platform/db.ts";
import { toKeyStoreSummary } from "@/lib/server/console/key-stores/to-key-store-summary.ts";
import { keyStoreReadiness } from "./keystore-readiness.ts";
import { POLL_ROW } from "./record-poll-result.ts";
import { toXksProxyHealth } from "./probe-xks-stores.ts";

type ClusterRow = NonNullable<Awaited<ReturnType<typeof loadClusters>>>[number];

async function loadClusters(ids: string[]) {
  return db().clusterStatus.findMany({ where: { clusterId: { in: ids } }, include: { hsms: true } });
}

function toCluster(row: ClusterRow): Cluster {
  return {
    ...(JSON.parse(row.entryJson) as Cluster),
    State: row.state as Cluster["State"],
    Hsms: row.hsms.map((h) => ({
      HsmId: h.hsmId,
      ClusterId: row.clusterId,
      AvailabilityZone: h.availabilityZone,
      State: h.state as "ACTIVE",
      EniIp: h.eniIp ?? undefined,
      SubnetId: h.subnetId ?? undefined,
      StateMessage: h.stateMessage ?? undefined,
    })),
  };
}

export async function readBackendStatus(): Promise<BackendStatus> {
  const row = await db().statusPoll.findUnique({ where: { id: POLL_ROW } });
  const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const reachable = !row?.lastErrorAt || (!!row.lastSuccessAt && row.lastSuccessAt >= row.lastErrorAt);
  return {
    reachable,
    lastSuccessAt: iso(row?.lastSuccessAt),
    lastErrorAt: iso(row?.lastErrorAt),
    lastErrorCode: reachable ? null : (row?.lastErrorCode ?? null),
  };
}

/** Whether the cache has ever been filled (the first page load before the first poll refreshes it). */
export async function statusCacheFilled(): Promise<boolean> {
  const row = await db().statusPoll.findUnique({ where: { id: POLL_ROW }, select: { lastSuccessAt: true } });
  return !!row?.lastSuccessAt;
}

export type CachedKeyStore = { summary: KeyStoreSummary; entry: CustomKeyStoresListEntry; cluster: Cluster | undefined };

/** The cached stores (all, or one), as the console's summaries with their readiness checks. */
export async function readCachedKeyStores(customKeyStoreId?: string): Promise<CachedKeyStore[]> {
  const rows = await db().keyStoreStatus.findMany({ where: customKeyStoreId ? { customKeyStoreId } : undefined });
  const clusters = await loadClusters(rows.map((r) => r.cloudHsmClusterId).filter((c): c is string => !!c));
  const byCluster = new Map(clusters.map((c) => [c.clusterId, toCluster(c)]));
  const xksIds = rows.filter((r) => r.type === "EXTERNAL_KEY_STORE").map((r) => r.customKeyStoreId);
  const xksHealth = new Map(
    xksIds.length
      ? (await db().xksHealthStatus.findMany({ where: { customKeyStoreId: { in: xksIds } } })).map((h) => [h.customKeyStoreId, h])
      : [],
  );
  return Promise.all(
    rows.map(async (r) => {
      const entry = {
        ...(JSON.parse(r.entryJson) as CustomKeyStoresListEntry),
        ConnectionState: r.connectionState as "CONNECTED",
        ConnectionErrorCode: (r.connectionErrorCode ?? undefined) as "INTERNAL_ERROR",
      };
      const cluster = r.cloudHsmClusterId ? byCluster.get(r.cloudHsmClusterId) : undefined;
      const summary: KeyStoreSummary = {
        ...toKeyStoreSummary(entry, byCluster, r.keyCount),
        checkedAt: r.checkedAt.toISOString(),
        stateSince: r.stateSince.toISOString(),
        readiness: entry.CustomKeyStoreType === "EXTERNAL_KEY_STORE" ? undefined : await keyStoreReadiness(entry, cluster),
      };
      const health = xksHealth.get(r.customKeyStoreId);
      if (health) summary.xksHealth = toXksProxyHealth(health);
      return { summary, entry, cluster };
    }),
  );
}

/** The connection-history timeline of one store: its own changes and its cluster's and HSMs', newest first. */
export async function readStatusHistory(customKeyStoreId: string, clusterId: string | undefined, take = 50): Promise<StatusChange[]> {
  const rows = await db().statusChange.findMany({
    where: { OR: [{ subjectId: customKeyStoreId }, ...(clusterId ? [{ clusterId, subjectType: { in: ["CLUSTER", "HSM"] } }] : [])] },
    orderBy: { at: "desc" },
    take,
  });
  return rows.map((r) => ({ ...r, subjectType: r.subjectType as StatusChange["subjectType"], at: r.at.toISOString() }));
}
