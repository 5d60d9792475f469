// The key material inventory on a real local cluster: a key whose material was destroyed is reported
// missing, material without a KMS key is reported orphaned and can be removed; owned material cannot.
import { beforeAll, describe, expect, it } from "vitest";
import { CreateKeyCommand } from "@aws-sdk/client-kms";
import { cloudHsmForCaller, kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { deleteClusterKey } from "@/lib/server/hsm/clusters/delete-cluster-key.ts";
import { generateClusterKey } from "@/lib/server/hsm/clusters/generate-cluster-key.ts";
import { db } from "@/lib/server/platform/db.ts";
import { refreshStatusCache } from "@/lib/server/console/status/refresh-status-cache.ts";
import { createTestKeyStore, type TestKeyStore } from "@/test/local-kms-real-service.ts";
import { inventoryKeyMaterial } from "./inventory-key-material.ts";
import { removeOrphanedKeyMaterial } from "./remove-orphaned-key-material.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { callerWith } from "@/test/console-caller.ts";

useMigratedDataDir("key-material-inventory");
let caller: Caller;
let store: TestKeyStore;

beforeAll(async () => {
  caller = await callerWith("inventory-admin", "admin");
  store = await createTestKeyStore();
  await refreshStatusCache({ kms: await kmsForCaller(caller), cloudHsm: await cloudHsmForCaller(caller) });
});

describe("key material inventory", () => {
  it("finds missing and orphaned material and removes only orphaned material", async () => {
    const kms = await kmsForCaller(caller);
    const key = (await kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.storeId }))).KeyMetadata!;
    let inv = await inventoryKeyMaterial({ caller, customKeyStoreId: store.storeId });
    expect(inv).toMatchObject({ supported: true, missing: [], orphaned: [] });
    expect(inv.hsms.map((h) => h.keyCount)).toEqual([1, 1]);

    const orphan = key.Arn!.replace(/key\/.*/, "key/00000000-0000-0000-0000-00000000dead");
    await generateClusterKey({ clusterId: store.clusterId, label: orphan });
    await deleteClusterKey({ clusterId: store.clusterId, label: key.Arn! });
    inv = await inventoryKeyMaterial({ caller, customKeyStoreId: store.storeId });
    expect(inv.missing).toEqual([expect.objectContaining({ keyId: key.KeyId, missingEverywhere: true })]);
    expect(inv.orphaned).toEqual([{ label: orphan, hsmIds: expect.arrayContaining([expect.any(String)]) }]);
    expect(inv.orphaned[0]!.hsmIds).toHaveLength(2);

    await expect(removeOrphanedKeyMaterial({ caller, customKeyStoreId: store.storeId, label: key.Arn! })).rejects.toMatchObject({
      code: "ValidationException",
    });
    const removed = await removeOrphanedKeyMaterial({ caller, customKeyStoreId: store.storeId, label: orphan });
    expect(removed.deletedFrom).toHaveLength(2);
    expect((await inventoryKeyMaterial({ caller, customKeyStoreId: store.storeId })).orphaned).toEqual([]);
    expect(await db().auditEvent.count({ where: { eventName: "RemoveOrphanedKeyMaterial" } })).toBe(1);
  });
});
