// The status cache following real changes of the local service (over HTTP, the real SDK clients):
// connect, a failed connect with a wrong kmsuser password, an HSM removed and one added, the poller
// catching a change within its interval, and the cache still answering when the backend cannot be reached.
import { beforeAll, describe, expect, it } from "vitest";
import { CloudHSMV2Client, CreateHsmCommand, DeleteHsmCommand } from "@aws-sdk/client-cloudhsm-v2";
import { ConnectCustomKeyStoreCommand, DisconnectCustomKeyStoreCommand, KMSClient, UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { settleConnectionJobs } from "@/lib/server/kms-service/key-stores/index.ts";
import { setLocalKmsuserPassword } from "@/lib/server/kms-service/local-backend.ts";
import { createTestKeyStore, type TestKeyStore } from "@/test/local-kms-real-service.ts";
import { CREDENTIALS, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { readBackendStatus, readCachedKeyStores, readStatusHistory } from "./read-status-cache.ts";
import { refreshStatusCache } from "./refresh-status-cache.ts";
import { startStatusPoller } from "./status-poller.ts";

const service = useLocalKms("status-cache");
let kms: KMSClient;
let cloudHsm: CloudHSMV2Client;
let store: TestKeyStore;

const refresh = () => refreshStatusCache({ kms, cloudHsm, keyCounts: true });
const cached = async (id: string) => (await readCachedKeyStores(id))[0]!;
const check = async (id: string, check: string) => (await cached(id)).summary.readiness?.find((c) => c.id === check)?.status;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  ({ kms, cloudhsm: cloudHsm } = service);
  store = await createTestKeyStore({ connect: false });
});

describe("the status cache", () => {
  it("records a new store, then its connection, with a history entry for each change", async () => {
    await refresh();
    const first = await cached(store.storeId);
    expect(first.summary).toMatchObject({ connectionState: "DISCONNECTED", keyCount: 0, hsms: { active: 2, total: 2 } });
    expect(await check(store.storeId, "connected")).toBe("fail");
    expect(await check(store.storeId, "twoZones")).toBe("pass");
    expect(await check(store.storeId, "trustAnchor")).toBe("pass");
    expect(await check(store.storeId, "kmsuserLogin")).toBe("unknown");

    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store.storeId }));
    await refresh(); // caught mid-way or settled: either way a real state of the service
    await settleConnectionJobs();
    await refresh();
    const after = await cached(store.storeId);
    expect(after.summary.connectionState).toBe("CONNECTED");
    expect(after.summary.stateSince! >= first.summary.checkedAt!).toBe(true);
    expect(await check(store.storeId, "kmsuserLogin")).toBe("pass");
    const history = await readStatusHistory(store.storeId, store.clusterId);
    expect(
      history
        .filter((h) => h.subjectType === "KEY_STORE")
        .map((h) => h.toState)
        .at(0),
    ).toBe("CONNECTED");
    expect(history.at(-1)).toMatchObject({ subjectType: expect.any(String), fromState: null });
  });

  it("follows an HSM removed and one added", async () => {
    const hsms = (await cached(store.storeId)).cluster!.Hsms!;
    await cloudHsm.send(new DeleteHsmCommand({ ClusterId: store.clusterId, HsmId: hsms[1]!.HsmId }));
    await refresh();
    expect((await cached(store.storeId)).summary.hsms).toMatchObject({ active: 1, total: 1 });
    expect(await check(store.storeId, "twoZones")).toBe("fail");
    expect(await check(store.storeId, "activeHsm")).toBe("pass");
    const removed = (await readStatusHistory(store.storeId, store.clusterId)).find((h) => h.subjectId === hsms[1]!.HsmId);
    expect(removed).toMatchObject({ subjectType: "HSM", fromState: "ACTIVE", toState: "DELETED" });

    const { Hsm: added } = await cloudHsm.send(
      new CreateHsmCommand({ ClusterId: store.clusterId, AvailabilityZone: hsms[1]!.AvailabilityZone }),
    );
    await until(
      async () => (await refresh(), (await cached(store.storeId)).summary.hsms?.active),
      (n) => n === 2,
      30_000,
    );
    expect(await check(store.storeId, "twoZones")).toBe("pass");
    expect(
      (await readStatusHistory(store.storeId, store.clusterId)).some((h) => h.subjectId === added!.HsmId && h.fromState === null),
    ).toBe(true);
  });

  it("records a failed connection with a wrong kmsuser password and its error code", async () => {
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: store.storeId }));
    await settleConnectionJobs();
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.storeId, KeyStorePassword: "wrong-password-1" }));
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store.storeId }));
    await settleConnectionJobs();
    await refresh();
    const s = (await cached(store.storeId)).summary;
    expect(s).toMatchObject({ connectionState: "FAILED", connectionErrorCode: "INVALID_CREDENTIALS" });
    expect(await check(store.storeId, "kmsuserLogin")).toBe("fail");
    expect((await readStatusHistory(store.storeId, store.clusterId)).find((h) => h.toState === "FAILED")).toMatchObject({
      errorCode: "INVALID_CREDENTIALS",
    });
  });

  it("the poller follows a change within one interval", async () => {
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: store.storeId }));
    // The first connect rotated kmsuser's password (as KMS does): the administrator sets a known one again.
    await setLocalKmsuserPassword(store.clusterId, store.kmsuserPassword);
    await kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.storeId, KeyStorePassword: store.kmsuserPassword }));
    const interval = 300;
    const poller = startStatusPoller({ fastMs: 100, slowMs: interval, keyCountMs: 60_000, clients: async () => ({ kms, cloudHsm }) });
    try {
      await until(
        () => cached(store.storeId),
        (c) => c.summary.connectionState === "DISCONNECTED",
        5_000,
      );
      await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: store.storeId }));
      await settleConnectionJobs();
      const changedAt = Date.now();
      await until(
        () => cached(store.storeId),
        (c) => c.summary.connectionState === "CONNECTED",
        5_000,
      );
      // One poll interval, plus the time one refresh takes.
      expect(Date.now() - changedAt).toBeLessThan(interval + 1_000);
    } finally {
      await poller.stop();
    }
  });

  it("keeps answering from the cache when the backend cannot be reached, and says since when", async () => {
    const before = await cached(store.storeId);
    const nowhere = "http://127.0.0.1:9";
    const deadKms = new KMSClient({ endpoint: nowhere, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
    const deadHsm = new CloudHSMV2Client({ endpoint: nowhere, region: REGION, credentials: CREDENTIALS, maxAttempts: 1 });
    await expect(refreshStatusCache({ kms: deadKms, cloudHsm: deadHsm })).rejects.toBeDefined();
    const backend = await readBackendStatus();
    expect(backend).toMatchObject({ reachable: false, lastErrorCode: expect.any(String) });
    expect(backend.lastSuccessAt).not.toBeNull();
    const after = await cached(store.storeId);
    expect(after.summary.connectionState).toBe(before.summary.connectionState);
    expect(after.summary.checkedAt).toBe(before.summary.checkedAt);
    await refresh();
    expect((await readBackendStatus()).reachable).toBe(true);
  });
});
