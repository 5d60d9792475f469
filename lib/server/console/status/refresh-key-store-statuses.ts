import "server-only";
import type { CustomKeyStoresListEntry } from "@aws-sdk/client-kms";
import type { KeyStoreStatus } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { recordStatusChange } from "./record-status-change.ts";

function rowData(s: CustomKeyStoresListEntry, keyCount: number | undefined, at: Date) {
  return {
    name: s.CustomKeyStoreName ?? "",
    type: s.CustomKeyStoreType ?? "AWS_CLOUDHSM",
    cloudHsmClusterId: s.CloudHsmClusterId || null,
    entryJson: JSON.stringify(s),
    checkedAt: at,
    ...(keyCount !== undefined ? { keyCount } : {}),
  };
}

function connection(s: CustomKeyStoresListEntry): { state: string; code: string | null } {
  const state = s.ConnectionState ?? "DISCONNECTED";
  return { state, code: state === "FAILED" ? (s.ConnectionErrorCode ?? "INTERNAL_ERROR") : null };
}

async function createStore(s: CustomKeyStoresListEntry, keyCount: number | undefined, at: Date): Promise<number> {
  const id = s.CustomKeyStoreId!;
  const { state, code } = connection(s);
  const data = rowData(s, keyCount, at);
  try {
    await db().keyStoreStatus.create({
      data: { customKeyStoreId: id, ...data, keyCount: keyCount ?? 0, connectionState: state, connectionErrorCode: code, stateSince: at },
    });
  } catch (e) {
    if ((e as { code?: string }).code !== "P2002") throw e;
    // Created by a concurrent refresh: update it as an existing row.
    const old = await db().keyStoreStatus.findUniqueOrThrow({ where: { customKeyStoreId: id } });
    return updateStore(old, s, keyCount, at);
  }
  await recordStatusChange({
    subjectType: "KEY_STORE",
    subjectId: id,
    clusterId: data.cloudHsmClusterId,
    fromState: null,
    toState: state,
    errorCode: code,
    at,
  });
  return 1;
}

async function updateStore(old: KeyStoreStatus, s: CustomKeyStoresListEntry, keyCount: number | undefined, at: Date): Promise<number> {
  const id = old.customKeyStoreId;
  const { state, code } = connection(s);
  const data = rowData(s, keyCount, at);
  if (old.connectionState === state && old.connectionErrorCode === code) {
    await db().keyStoreStatus.update({ where: { customKeyStoreId: id }, data });
    return 0;
  }
  // Conditional on the state we read, so two concurrent refreshes record one change, not two.
  const { count } = await db().keyStoreStatus.updateMany({
    where: { customKeyStoreId: id, connectionState: old.connectionState, connectionErrorCode: old.connectionErrorCode },
    data: { ...data, connectionState: state, connectionErrorCode: code, stateSince: at },
  });
  if (count === 1)
    await recordStatusChange({
      subjectType: "KEY_STORE",
      subjectId: id,
      clusterId: data.cloudHsmClusterId,
      fromState: old.connectionState,
      toState: state,
      errorCode: code,
      at,
    });
  return count;
}

/**
 * Writes what DescribeCustomKeyStores answered into KeyStoreStatus, with a history row per change, and
 * drops stores that are gone. Stores where nothing changed only get their checkedAt moved, in one
 * statement for all of them: a quiet poll of 100 stores is a handful of queries, not hundreds.
 * Returns the number of changes recorded.
 */
export async function refreshKeyStoreStatuses(
  stores: CustomKeyStoresListEntry[],
  counts: Map<string, number> | undefined,
  at: Date,
): Promise<number> {
  const old = new Map((await db().keyStoreStatus.findMany()).map((r) => [r.customKeyStoreId, r]));
  let changes = 0;
  const unchanged: string[] = [];
  for (const s of stores) {
    const id = s.CustomKeyStoreId!;
    const keyCount = counts ? (counts.get(id) ?? 0) : undefined;
    const before = old.get(id);
    if (!before) {
      changes += await createStore(s, keyCount, at);
      continue;
    }
    const { state, code } = connection(s);
    const data = rowData(s, keyCount, at);
    // name, type and cluster id are read from the entry, so the entry's JSON covers them.
    const same =
      before.connectionState === state &&
      before.connectionErrorCode === code &&
      before.entryJson === data.entryJson &&
      (keyCount === undefined || before.keyCount === keyCount);
    if (same) unchanged.push(id);
    else changes += await updateStore(before, s, keyCount, at);
  }
  if (unchanged.length) await db().keyStoreStatus.updateMany({ where: { customKeyStoreId: { in: unchanged } }, data: { checkedAt: at } });

  const listed = new Set(stores.map((s) => s.CustomKeyStoreId!));
  for (const r of old.values()) {
    if (listed.has(r.customKeyStoreId)) continue;
    const { count } = await db().keyStoreStatus.deleteMany({ where: { customKeyStoreId: r.customKeyStoreId } });
    if (count) {
      await recordStatusChange({
        subjectType: "KEY_STORE",
        subjectId: r.customKeyStoreId,
        clusterId: r.cloudHsmClusterId,
        fromState: r.connectionState,
        toState: "DELETED",
        errorCode: null,
        at,
      });
      changes += 1;
    }
  }
  return changes;
}
