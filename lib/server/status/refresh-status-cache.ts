import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import type { CustomKeyStoresListEntry } from "@aws-sdk/client-kms";
import { describeAllKeyStores } from "@/lib/server/key-stores/describe-all-key-stores.ts";
import { describeClustersWith } from "@/lib/server/clusters-console/describe-all-clusters.ts";
import { describeAllKeys } from "@/lib/server/keys/describe-all-keys.ts";
import { db } from "@/lib/server/db.ts";
import { uuid } from "@/lib/server/ids.ts";
import type { StatusClients } from "./status-clients.ts";
import { recordPollResult } from "./record-poll-result.ts";

export type RefreshStatusCacheOptions = StatusClients & {
  /** Also count each store's KMS keys (ListKeys + DescribeKey per key: the slow part). */
  keyCounts?: boolean;
  now?: () => Date;
};

export type RefreshResult = { keyStores: number; clusters: number; changes: number };

/** The error code to record for a failed poll: the service's error name, or the network error's code. */
function errorCode(e: unknown): string {
  const err = e as { code?: string; name?: string; cause?: { code?: string } };
  return err.cause?.code ?? (err.code && err.code !== "InternalError" ? err.code : undefined) ?? err.name ?? "UnknownError";
}

async function change(subjectType: string, subjectId: string, clusterId: string | null, fromState: string | null, toState: string | null, errorCode: string | null, at: Date) {
  await db().statusChange.create({ data: { id: uuid(), subjectType, subjectId, clusterId, fromState, toState, errorCode, at } });
}

async function refreshStore(s: CustomKeyStoresListEntry, keyCount: number | undefined, at: Date): Promise<number> {
  const id = s.CustomKeyStoreId!;
  const state = s.ConnectionState ?? "DISCONNECTED";
  const code = state === "FAILED" ? (s.ConnectionErrorCode ?? "INTERNAL_ERROR") : null;
  const data = {
    name: s.CustomKeyStoreName ?? "",
    type: s.CustomKeyStoreType ?? "AWS_CLOUDHSM",
    cloudHsmClusterId: s.CloudHsmClusterId || null,
    entryJson: JSON.stringify(s),
    checkedAt: at,
    ...(keyCount !== undefined ? { keyCount } : {}),
  };
  const old = await db().keyStoreStatus.findUnique({ where: { customKeyStoreId: id } });
  if (!old) {
    try {
      await db().keyStoreStatus.create({ data: { customKeyStoreId: id, ...data, keyCount: keyCount ?? 0, connectionState: state, connectionErrorCode: code, stateSince: at } });
    } catch (e) {
      if ((e as { code?: string }).code === "P2002") return refreshStore(s, keyCount, at); // created by a concurrent refresh
      throw e;
    }
    await change("KEY_STORE", id, data.cloudHsmClusterId, null, state, code, at);
    return 1;
  }
  if (old.connectionState === state && old.connectionErrorCode === code) {
    await db().keyStoreStatus.update({ where: { customKeyStoreId: id }, data });
    return 0;
  }
  // Conditional on the state we read, so two concurrent refreshes record one change, not two.
  const { count } = await db().keyStoreStatus.updateMany({
    where: { customKeyStoreId: id, connectionState: old.connectionState, connectionErrorCode: old.connectionErrorCode },
    data: { ...data, connectionState: state, connectionErrorCode: code, stateSince: at },
  });
  if (count === 1) await change("KEY_STORE", id, data.cloudHsmClusterId, old.connectionState, state, code, at);
  return count;
}

async function refreshCluster(c: Cluster, at: Date): Promise<number> {
  const clusterId = c.ClusterId!;
  const { Hsms, ...entry } = c;
  const state = c.State ?? "UNKNOWN";
  let changes = 0;
  const old = await db().clusterStatus.findUnique({ where: { clusterId }, include: { hsms: true } });
  await db().clusterStatus.upsert({
    where: { clusterId },
    create: { clusterId, state, entryJson: JSON.stringify(entry), checkedAt: at },
    update: { state, entryJson: JSON.stringify(entry), checkedAt: at },
  });
  if (!old || old.state !== state) {
    await change("CLUSTER", clusterId, clusterId, old?.state ?? null, state, null, at);
    changes += 1;
  }
  const seen = new Set<string>();
  for (const h of Hsms ?? []) {
    if (!h.HsmId || h.State === "DELETED") continue;
    seen.add(h.HsmId);
    const before = old?.hsms.find((x) => x.hsmId === h.HsmId);
    const hsmState = h.State ?? "UNKNOWN";
    const data = {
      clusterId,
      availabilityZone: h.AvailabilityZone ?? "",
      state: hsmState,
      eniIp: h.EniIp || null,
      subnetId: h.SubnetId || null,
      stateMessage: h.StateMessage || null,
      checkedAt: at,
    };
    await db().hsmStatus.upsert({ where: { hsmId: h.HsmId }, create: { hsmId: h.HsmId, ...data }, update: data });
    if (!before || before.state !== hsmState) {
      await change("HSM", h.HsmId, clusterId, before?.state ?? null, hsmState, null, at);
      changes += 1;
    }
  }
  for (const gone of old?.hsms.filter((x) => !seen.has(x.hsmId)) ?? []) {
    const { count } = await db().hsmStatus.deleteMany({ where: { hsmId: gone.hsmId } });
    if (count) {
      await change("HSM", gone.hsmId, clusterId, gone.state, "DELETED", null, at);
      changes += 1;
    }
  }
  return changes;
}

/**
 * Refreshes the status cache from DescribeCustomKeyStores and DescribeClusters: every store's
 * connection state and error code, every cluster's state and HSMs, and a history row for each change.
 * A failed call leaves the cache as it was and records the failure (the badges then say the backend
 * is unreachable, with the last known state); the error is rethrown.
 */
export async function refreshStatusCache({ kms, cloudHsm, keyCounts = false, now = () => new Date() }: RefreshStatusCacheOptions): Promise<RefreshResult> {
  const startedAt = now();
  try {
    const stores = await describeAllKeyStores(kms);
    const needClusters = stores.some((s) => s.CloudHsmClusterId);
    const [clusters, keys] = await Promise.all([
      needClusters ? describeClustersWith(cloudHsm) : Promise.resolve([] as Cluster[]),
      keyCounts ? describeAllKeys(kms, new Map(stores.map((s) => [s.CustomKeyStoreId!, s.CustomKeyStoreName ?? ""]))) : Promise.resolve(undefined),
    ]);
    const counts = new Map<string, number>();
    for (const k of keys ?? []) if (k.customKeyStoreId) counts.set(k.customKeyStoreId, (counts.get(k.customKeyStoreId) ?? 0) + 1);
    const at = now();
    let changes = 0;
    for (const s of stores) changes += await refreshStore(s, keys ? (counts.get(s.CustomKeyStoreId!) ?? 0) : undefined, at);
    const ids = stores.map((s) => s.CustomKeyStoreId!);
    const removed = await db().keyStoreStatus.findMany({ where: { customKeyStoreId: { notIn: ids } } });
    for (const r of removed) {
      const { count } = await db().keyStoreStatus.deleteMany({ where: { customKeyStoreId: r.customKeyStoreId } });
      if (count) await change("KEY_STORE", r.customKeyStoreId, r.cloudHsmClusterId, r.connectionState, "DELETED", null, at);
    }
    for (const c of clusters) changes += await refreshCluster(c, at);
    await db().clusterStatus.deleteMany({ where: { clusterId: { notIn: clusters.map((c) => c.ClusterId!) } } });
    await recordPollResult({ attemptAt: startedAt, ok: true });
    return { keyStores: stores.length, clusters: clusters.length, changes: changes + removed.length };
  } catch (e) {
    await recordPollResult({ attemptAt: startedAt, ok: false, errorCode: errorCode(e) });
    throw e;
  }
}
