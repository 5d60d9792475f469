// The key count of the status cache over the real local service: right per store, following new and
// deleted keys, and cheap: keys seen before are not described again, so a count does not write one
// DescribeKey audit event per key (the audit log is the caller's record, not the poller's diary).
import { beforeAll, describe, expect, it } from "vitest";
import { CreateKeyCommand, KMSClient, ScheduleKeyDeletionCommand } from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { deleteDueKeys } from "@/lib/server/kms-service/keys/delete-due-keys.ts";
import { authorizeOperation } from "@/lib/server/kms-service/authz/authorize-operation.ts";
import { localServiceDeps } from "@/lib/server/kms-service/service-deps.ts";
import { KmsError } from "@/lib/server/kms-service/wire/kms-error.ts";
import { createTestKeyStore, type TestKeyStore } from "@/test/local-kms-real-service.ts";
import { CREDENTIALS, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { startHttpServer } from "@/test/local-kms-test-service.ts";
import { readBackendStatus } from "./read-status-cache.ts";
import { readCachedKeyStores } from "./read-status-cache.ts";
import { refreshStatusCache } from "./refresh-status-cache.ts";

const service = useLocalKms("status-key-counts");
let storeA: TestKeyStore;
let storeB: TestKeyStore;

const refresh = () => refreshStatusCache({ kms: service.kms, cloudHsm: service.cloudhsm, keyCounts: true });
const keyCount = async (id: string) => (await readCachedKeyStores(id))[0]!.summary.keyCount;

/** The audited calls of one operation so far. */
async function audited(eventName: string): Promise<number> {
  await flushAuditEvents();
  return db().auditEvent.count({ where: { eventName } });
}

async function createKeys(storeId: string | undefined, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { KeyMetadata } = await service.kms.send(
      new CreateKeyCommand(storeId ? { CustomKeyStoreId: storeId, Origin: "AWS_CLOUDHSM" } : {}),
    );
    ids.push(KeyMetadata!.KeyId!);
  }
  return ids;
}

beforeAll(async () => {
  [storeA, storeB] = [await createTestKeyStore(), await createTestKeyStore()];
});

describe("key counts in the status cache", () => {
  it("counts each store's keys, leaving out keys of the default key store", async () => {
    await createKeys(storeA.storeId, 3);
    await createKeys(storeB.storeId, 1);
    await createKeys(undefined, 2);
    await refresh();
    expect(await keyCount(storeA.storeId)).toBe(3);
    expect(await keyCount(storeB.storeId)).toBe(1);
  });

  it("describes only keys it has not seen before", async () => {
    const before = await audited("DescribeKey");
    await refresh();
    expect(await audited("DescribeKey")).toBe(before);
    expect(await keyCount(storeA.storeId)).toBe(3);

    await createKeys(storeB.storeId, 2);
    await refresh();
    expect(await audited("DescribeKey")).toBe(before + 2);
    expect(await keyCount(storeB.storeId)).toBe(3);
  });

  it("forgets deleted keys", async () => {
    const [doomed] = await createKeys(storeA.storeId, 1);
    await refresh();
    expect(await keyCount(storeA.storeId)).toBe(4);
    // Pending deletion is still a key of the store, as ListKeys still lists it.
    await service.kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed, PendingWindowInDays: 7 }));
    await refresh();
    expect(await keyCount(storeA.storeId)).toBe(4);
    await deleteDueKeys({ now: new Date(Date.now() + 8 * 86_400_000) });
    await refresh();
    expect(await keyCount(storeA.storeId)).toBe(3);
    expect(await db().keySummaryCache.count({ where: { keyId: doomed } })).toBe(0);
  });

  it("two refreshes at once record each key once", async () => {
    await createKeys(storeB.storeId, 2);
    await Promise.all([refresh(), refresh()]);
    expect(await keyCount(storeB.storeId)).toBe(5);
    expect(await db().keySummaryCache.count({ where: { customKeyStoreId: storeB.storeId } })).toBe(5);
  });

  it("a key the poller may not describe is left out, and the states are still refreshed", async () => {
    // The same service, in an account whose key policies do not let this caller DescribeKey (as on AWS
    // when a policy has no statement for the account root): every DescribeKey is refused.
    const strict = await startHttpServer({
      ...localServiceDeps(),
      authorize: (operation, caller) => {
        if (operation === "kms:DescribeKey") throw new KmsError("AccessDeniedException", `User: ${caller.principalArn} is not authorized`);
        authorizeOperation(operation, caller);
      },
    });
    try {
      const kms = new KMSClient({ endpoint: strict.url, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
      // One key the poller knows is deleted, one it has never seen is created: 4 → 3 known, 1 hidden.
      const [gone] = await createKeys(storeA.storeId, 1);
      await refresh();
      expect(await keyCount(storeA.storeId)).toBe(4);
      await service.kms.send(new ScheduleKeyDeletionCommand({ KeyId: gone, PendingWindowInDays: 7 }));
      await deleteDueKeys({ now: new Date(Date.now() + 8 * 86_400_000) });
      const [hidden] = await createKeys(storeA.storeId, 1);
      await refreshStatusCache({ kms, cloudHsm: service.cloudhsm, keyCounts: true });
      expect(await keyCount(storeA.storeId)).toBe(3);
      expect(await db().keySummaryCache.count({ where: { keyId: hidden } })).toBe(0);
      expect((await readBackendStatus()).reachable).toBe(true);
      // Allowed again: counted.
      await refresh();
      expect(await keyCount(storeA.storeId)).toBe(4);
    } finally {
      await strict.close();
    }
  });
});
