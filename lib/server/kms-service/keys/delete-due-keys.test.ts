// The due-deletion sweeper on real SQLite and SoftHSM: keys whose waiting period is over are deleted
// with their aliases and tags, their material destroyed in the default token or on every HSM of the
// cluster, or left as orphaned material when the store is disconnected; each outcome is audited.
import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN_LABEL } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { listClusterKeyLabels } from "@/lib/server/hsm/clusters/list-cluster-key-labels.ts";
import { db } from "@/lib/server/platform/db.ts";
import { hasKey } from "@/lib/server/hsm/keys.ts";
import { closeModule, isModuleLoaded } from "@/lib/server/hsm/module.ts";
import {
  ACCOUNT_ID,
  REGION,
  connectTestKeyStore,
  createTestKeyStore,
  disconnectTestKeyStore,
  type TestKeyStore,
} from "@/test/local-kms-real-service.ts";
import { cancelKeyDeletion } from "./cancel-key-deletion.ts";
import { createLocalAlias } from "./create-alias.ts";
import { createLocalKey } from "./create-key.ts";
import { deleteDueKeys } from "./delete-due-keys.ts";
import { startKeyDeletionSweeper } from "./key-deletion-sweeper.ts";
import { scheduleKeyDeletion } from "./schedule-key-deletion.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("kms-sweeper");
const callerArn = `arn:aws:iam::${ACCOUNT_ID}:user/alice`;
// Domain functions called directly, as an administrator (the default key policy delegates to the role).
const scope = { region: REGION, accountId: ACCOUNT_ID, principalArn: callerArn, role: "admin" };
const DAY = 86_400_000;
let store: TestKeyStore;

async function labelsOn(clusterId: string): Promise<string[][]> {
  return (await listClusterKeyLabels({ clusterId })).map((h) => h.labels ?? []);
}

async function deleteEvents(arn: string) {
  const events = await db().auditEvent.findMany({ where: { eventName: "DeleteKey", resources: { contains: arn } } });
  return events.map((e) => ({
    source: e.eventSource,
    params: JSON.parse(e.requestParameters!) as { keyId: string; additionalEventData: Record<string, unknown> },
  }));
}

describe("deleteDueKeys", () => {
  it("does not open PKCS#11 when no key is due", async () => {
    expect(await deleteDueKeys()).toEqual([]);
    expect(isModuleLoaded()).toBe(false);
  });

  it("deletes an AWS_KMS key, its aliases and tags once its DeletionDate has passed, and destroys its material", async () => {
    const key = await createLocalKey({ scope, callerArn, tags: [{ TagKey: "t", TagValue: "v" }] });
    await createLocalAlias({ scope, aliasName: "alias/doomed", targetKeyId: key.id });
    const { deletionDate } = await scheduleKeyDeletion({ scope, keyId: key.id, pendingWindowInDays: 7 });
    closeModule();

    expect(await deleteDueKeys({ now: new Date(deletionDate.getTime() - 1) })).toEqual([]);
    expect(isModuleLoaded()).toBe(false);
    const deleted = await deleteDueKeys({ now: new Date(Date.now() + 8 * DAY) });
    expect(deleted).toEqual([
      expect.objectContaining({ keyId: key.id, keyArn: key.arn, backingKeyDeletionStatus: "DELETED", deletedFrom: [DEFAULT_TOKEN_LABEL] }),
    ]);
    expect(await db().kmsKey.findUnique({ where: { id: key.id } })).toBeNull();
    expect(await db().alias.count({ where: { name: "alias/doomed" } })).toBe(0);
    expect(await db().keyTag.count({ where: { keyId: key.id } })).toBe(0);
    expect(hasKey(DEFAULT_TOKEN_LABEL, key.arn)).toBe(false);
    const [event] = await deleteEvents(key.arn);
    expect(event).toMatchObject({
      source: "kms.amazonaws.com",
      params: { keyId: key.arn, additionalEventData: { backingKeysDeletionStatus: "DELETED" } },
    });
  });

  it("destroys a CloudHSM key store key's material on every HSM of the cluster", async () => {
    store = await createTestKeyStore();
    const key = await createLocalKey({ scope, callerArn, origin: "AWS_CLOUDHSM", customKeyStoreId: store.storeId });
    const keep = await createLocalKey({ scope, callerArn, origin: "AWS_CLOUDHSM", customKeyStoreId: store.storeId });
    for (const labels of await labelsOn(store.clusterId)) expect(labels).toEqual(expect.arrayContaining([key.arn, keep.arn]));
    await scheduleKeyDeletion({ scope, keyId: key.id, pendingWindowInDays: 30 });
    const [deleted] = await deleteDueKeys({ now: new Date(Date.now() + 31 * DAY) });
    expect(deleted).toMatchObject({
      keyId: key.id,
      backingKeyDeletionStatus: "DELETED",
      cloudHsmClusterId: store.clusterId,
      customKeyStoreId: store.storeId,
    });
    expect(deleted!.deletedFrom).toHaveLength(2);
    for (const labels of await labelsOn(store.clusterId)) {
      expect(labels).not.toContain(key.arn);
      expect(labels).toContain(keep.arn);
    }
  });

  it("leaves the material orphaned when the key store is disconnected, and records that", async () => {
    const key = await createLocalKey({ scope, callerArn, origin: "AWS_CLOUDHSM", customKeyStoreId: store.storeId });
    await scheduleKeyDeletion({ scope, keyId: key.id, pendingWindowInDays: 7 });
    await disconnectTestKeyStore(store.storeId);
    const [deleted] = await deleteDueKeys({ now: new Date(Date.now() + 8 * DAY) });
    expect(deleted).toMatchObject({ keyId: key.id, backingKeyDeletionStatus: "ORPHANED", deletedFrom: [] });
    expect(await db().kmsKey.findUnique({ where: { id: key.id } })).toBeNull();
    for (const labels of await labelsOn(store.clusterId)) expect(labels).toContain(key.arn);
    const [event] = await deleteEvents(key.arn);
    expect(event!.params.additionalEventData).toMatchObject({
      backingKeysDeletionStatus: "ORPHANED",
      clusterId: store.clusterId,
      customKeyStoreId: store.storeId,
      backingKeyLabel: key.arn,
    });
    await connectTestKeyStore(store.storeId);
  });

  it("keeps a key whose deletion was cancelled", async () => {
    const key = await createLocalKey({ scope, callerArn });
    await scheduleKeyDeletion({ scope, keyId: key.id, pendingWindowInDays: 7 });
    await cancelKeyDeletion({ scope, keyId: key.id });
    expect(await deleteDueKeys({ now: new Date(Date.now() + 60 * DAY) })).toEqual([]);
    expect((await db().kmsKey.findUnique({ where: { id: key.id } }))?.state).toBe("Disabled");
  });
});

describe("startKeyDeletionSweeper", () => {
  it("runs in the background and deletes keys as they fall due", async () => {
    const key = await createLocalKey({ scope, callerArn });
    await scheduleKeyDeletion({ scope, keyId: key.id, pendingWindowInDays: 7 });
    await db().kmsKey.update({ where: { id: key.id }, data: { deletionDate: new Date(Date.now() - 1000) } });
    const sweeper = startKeyDeletionSweeper({ firstRunMs: 0, intervalMs: 50 });
    expect(startKeyDeletionSweeper()).toBe(sweeper);
    try {
      const deadline = Date.now() + 10_000;
      while ((await db().kmsKey.count({ where: { id: key.id } })) > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(await db().kmsKey.count({ where: { id: key.id } })).toBe(0);
      expect(hasKey(DEFAULT_TOKEN_LABEL, key.arn)).toBe(false);
    } finally {
      sweeper.stop();
    }
  });
});
