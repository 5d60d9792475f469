import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import { db } from "@/lib/server/platform/db.ts";
import { recordStatusChange } from "./record-status-change.ts";

type HsmRow = { availabilityZone: string; state: string; eniIp: string | null; subnetId: string | null; stateMessage: string | null };

const sameHsm = (a: HsmRow, b: HsmRow) =>
  a.availabilityZone === b.availabilityZone &&
  a.state === b.state &&
  a.eniIp === b.eniIp &&
  a.subnetId === b.subnetId &&
  a.stateMessage === b.stateMessage;

/**
 * Writes what DescribeClusters answered into ClusterStatus / HsmStatus, with a history row for each
 * cluster state change and each HSM added, changed or removed, and drops clusters that are gone.
 * Unchanged clusters and HSMs only get their checkedAt moved, one statement for all of them.
 * Returns the number of changes recorded.
 */
export async function refreshClusterStatuses(clusters: Cluster[], at: Date): Promise<number> {
  const old = new Map((await db().clusterStatus.findMany({ include: { hsms: true } })).map((r) => [r.clusterId, r]));
  let changes = 0;
  const quietClusters: string[] = [];
  const quietHsms: string[] = [];
  for (const c of clusters) {
    const clusterId = c.ClusterId!;
    const { Hsms, ...rest } = c;
    const state = c.State ?? "UNKNOWN";
    const entryJson = JSON.stringify(rest);
    const before = old.get(clusterId);
    if (before && before.state === state && before.entryJson === entryJson) quietClusters.push(clusterId);
    else {
      await db().clusterStatus.upsert({
        where: { clusterId },
        create: { clusterId, state, entryJson, checkedAt: at },
        update: { state, entryJson, checkedAt: at },
      });
      if (before?.state !== state) {
        await recordStatusChange({
          subjectType: "CLUSTER",
          subjectId: clusterId,
          clusterId,
          fromState: before?.state ?? null,
          toState: state,
          errorCode: null,
          at,
        });
        changes += 1;
      }
    }

    const seen = new Set<string>();
    for (const h of Hsms ?? []) {
      if (!h.HsmId || h.State === "DELETED") continue;
      seen.add(h.HsmId);
      const was = before?.hsms.find((x) => x.hsmId === h.HsmId);
      const row: HsmRow = {
        availabilityZone: h.AvailabilityZone ?? "",
        state: h.State ?? "UNKNOWN",
        eniIp: h.EniIp || null,
        subnetId: h.SubnetId || null,
        stateMessage: h.StateMessage || null,
      };
      if (was && sameHsm(was, row)) {
        quietHsms.push(h.HsmId);
        continue;
      }
      const data = { clusterId, ...row, checkedAt: at };
      await db().hsmStatus.upsert({ where: { hsmId: h.HsmId }, create: { hsmId: h.HsmId, ...data }, update: data });
      if (was?.state !== row.state) {
        await recordStatusChange({
          subjectType: "HSM",
          subjectId: h.HsmId,
          clusterId,
          fromState: was?.state ?? null,
          toState: row.state,
          errorCode: null,
          at,
        });
        changes += 1;
      }
    }
    for (const gone of before?.hsms.filter((x) => !seen.has(x.hsmId)) ?? []) {
      const { count } = await db().hsmStatus.deleteMany({ where: { hsmId: gone.hsmId } });
      if (count) {
        await recordStatusChange({
          subjectType: "HSM",
          subjectId: gone.hsmId,
          clusterId,
          fromState: gone.state,
          toState: "DELETED",
          errorCode: null,
          at,
        });
        changes += 1;
      }
    }
  }
  if (quietClusters.length) await db().clusterStatus.updateMany({ where: { clusterId: { in: quietClusters } }, data: { checkedAt: at } });
  if (quietHsms.length) await db().hsmStatus.updateMany({ where: { hsmId: { in: quietHsms } }, data: { checkedAt: at } });
  await db().clusterStatus.deleteMany({ where: { clusterId: { notIn: clusters.map((c) => c.ClusterId!) } } });
  return changes;
}
