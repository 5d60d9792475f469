// ConnectCustomKeyStore / DisconnectCustomKeyStore and the connection state machine (spec §2.1–2.2,
// §6.2), driven by @aws-sdk/client-kms and @aws-sdk/client-cloudhsm-v2 over HTTP against the real
// local service. Every failure is produced for real: a wrong kmsuser password really fails C_Login on
// the SoftHSM tokens, HSMs are really deleted through CloudHSM's DeleteHsm.
import { beforeAll, describe, expect, it } from "vitest";
import { CreateHsmCommand, DeleteHsmCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { ConnectCustomKeyStoreCommand, DeleteCustomKeyStoreCommand, UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { changeKmsuserPassword } from "@/lib/server/hsm/clusters/rotate-kmsuser-pin.ts";
import { forgetCluster } from "@/lib/server/hsm/clusters/cluster-access.ts";
import { withClusterLock } from "@/lib/server/hsm/clusters/cluster-lock.ts";
import { createBackup } from "@/lib/server/hsm/clusters/create-backup.ts";
import { type CreatedCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { logoutKmsuser } from "@/lib/server/hsm/clusters/logout-kmsuser.ts";
import { restoreBackup } from "@/lib/server/hsm/clusters/restore-backup.ts";
import { db } from "@/lib/server/platform/db.ts";
import { isLoggedIn } from "@/lib/server/hsm/session-pool.ts";
import { settleConnectionJobs } from "./connection-jobs.ts";
import { keyStateInStore } from "./key-state-in-store.ts";
import { isKeyStoreUsable, requireConnectedKeyStore } from "./require-connected-key-store.ts";
import { forgetSession, hasSession } from "./store-sessions.ts";
import { useLocalKms, waitForConnectionState } from "@/test/local-kms-server.ts";
import { rejection } from "@/test/sdk-failure.ts";
import { cloudHsmKeyStores, TWO_ZONES } from "@/test/cloudhsm-key-stores.ts";

const service = useLocalKms("connections");
const { connect, disconnect, newStore, connectAndWait, disconnectAndWait } = cloudHsmKeyStores(service);
const update = (id: string, params: Record<string, unknown>) =>
  service.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, ...params }));

async function tokensLoggedIn(clusterId: string): Promise<boolean[]> {
  const hsms = await db().hsm.findMany({ where: { clusterId, state: "ACTIVE" } });
  return hsms.map((h) => isLoggedIn(h.tokenLabel));
}

describe("connect and disconnect", () => {
  let store: { id: string; cluster: CreatedCluster };
  beforeAll(async () => {
    store = await newStore("main");
  });

  it("connects asynchronously: DISCONNECTED → CONNECTING → CONNECTED, kmsuser logged in to every HSM", async () => {
    // Hold the cluster so the connect job cannot log in yet: CONNECTING is observable.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lock = withClusterLock(store.cluster.clusterId, () => held);
    await connect(store.id);
    expect((await waitForConnectionState(service.kms, store.id, "CONNECTING")).ConnectionErrorCode).toBeUndefined();
    release();
    await lock;
    const entry = await waitForConnectionState(service.kms, store.id, "CONNECTED", "FAILED");
    expect(entry.ConnectionState).toBe("CONNECTED");
    expect(entry.ConnectionErrorCode).toBeUndefined();
    expect(await tokensLoggedIn(store.cluster.clusterId)).toEqual([true, true]);
    expect(hasSession(store.id)).toBe(true);
  });

  it("connect while CONNECTED is accepted and changes nothing", async () => {
    await connect(store.id);
    await settleConnectionJobs();
    expect((await waitForConnectionState(service.kms, store.id, "CONNECTED")).ConnectionState).toBe("CONNECTED");
  });

  it("while CONNECTED: the name may change, the password, the cluster and deletion may not", async () => {
    await update(store.id, { NewCustomKeyStoreName: "main-renamed" });
    for (const params of [
      { KeyStorePassword: "Another12345" },
      { CloudHsmClusterId: store.cluster.clusterId },
      { NewCustomKeyStoreName: "x", KeyStorePassword: "Another12345" },
    ]) {
      const e = await rejection(update(store.id, params));
      expect(e.name).toBe("CustomKeyStoreInvalidStateException");
      expect(e.message).toContain("CONNECTED");
    }
    const del = await rejection(service.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: store.id })));
    expect(del.name).toBe("CustomKeyStoreInvalidStateException");
  });

  it("key operations find it usable: requireConnectedKeyStore, isKeyStoreUsable, key states", async () => {
    const connected = await requireConnectedKeyStore(store.id, { forKeyCreation: true });
    expect(connected.cloudHsmClusterId).toBe(store.cluster.clusterId);
    expect(await isKeyStoreUsable(connected)).toBe(true);
    expect(keyStateInStore("Enabled", "CONNECTED")).toBe("Enabled");
    expect(keyStateInStore("Disabled", "DISCONNECTED")).toBe("Unavailable");
    expect(keyStateInStore("PendingDeletion", "FAILED")).toBe("PendingDeletion");
    expect(keyStateInStore("Enabled", undefined)).toBe("Enabled");
  });

  it("disconnects: → DISCONNECTING → DISCONNECTED, kmsuser logged out; a second disconnect is refused", async () => {
    await disconnect(store.id);
    const entry = await waitForConnectionState(service.kms, store.id, "DISCONNECTING", "DISCONNECTED");
    expect(["DISCONNECTING", "DISCONNECTED"]).toContain(entry.ConnectionState);
    await waitForConnectionState(service.kms, store.id, "DISCONNECTED");
    expect(await tokensLoggedIn(store.cluster.clusterId)).toEqual([false, false]);
    expect(hasSession(store.id)).toBe(false);
    const again = await rejection(disconnect(store.id));
    expect(again.name).toBe("CustomKeyStoreInvalidStateException");

    const e = await rejection(requireConnectedKeyStore(store.id));
    expect(e).toMatchObject({ code: "CustomKeyStoreInvalidStateException" });
    const row = await db().customKeyStore.findUniqueOrThrow({ where: { id: store.id } });
    expect(await isKeyStoreUsable(row)).toBe(false);
  });

  it("a disconnect while CONNECTING wins over the connect still in flight", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lock = withClusterLock(store.cluster.clusterId, () => held);
    await connect(store.id);
    await waitForConnectionState(service.kms, store.id, "CONNECTING");
    await disconnect(store.id);
    expect((await waitForConnectionState(service.kms, store.id, "DISCONNECTING")).ConnectionState).toBe("DISCONNECTING");
    // Connect is refused while DISCONNECTING.
    expect((await rejection(connect(store.id))).name).toBe("CustomKeyStoreInvalidStateException");
    release();
    await lock;
    await settleConnectionJobs();
    expect((await waitForConnectionState(service.kms, store.id, "DISCONNECTED")).ConnectionState).toBe("DISCONNECTED");
    expect(await tokensLoggedIn(store.cluster.clusterId)).toEqual([false, false]);
    expect(hasSession(store.id)).toBe(false);
  });

  it("unknown stores are CustomKeyStoreNotFoundException; a missing id is a ValidationException", async () => {
    expect((await rejection(connect("cks-0123456789abcdef0"))).name).toBe("CustomKeyStoreNotFoundException");
    expect((await rejection(disconnect("cks-0123456789abcdef0"))).name).toBe("CustomKeyStoreNotFoundException");
    const e = await rejection(service.kms.send(new ConnectCustomKeyStoreCommand({} as never)));
    expect(e.name).toBe("ValidationException");
  });
});

describe("connection failures, produced for real", () => {
  it("wrong kmsuser password → FAILED / INVALID_CREDENTIALS; FAILED must be disconnected before reconnecting", async () => {
    const { id, cluster } = await newStore("wrong-password", { password: "NotThePassword1" });
    const failed = await connectAndWait(id);
    expect(failed).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "INVALID_CREDENTIALS" });

    const reconnect = await rejection(connect(id));
    expect(reconnect.name).toBe("CustomKeyStoreInvalidStateException");
    expect(reconnect.message).toMatch(/FAILED.*disconnect/);
    // Nor may the password change while FAILED.
    expect((await rejection(update(id, { KeyStorePassword: cluster.kmsuserPassword }))).name).toBe("CustomKeyStoreInvalidStateException");

    // The documented fix: disconnect, tell KMS the right password, connect.
    const disconnected = await disconnectAndWait(id);
    expect(disconnected.ConnectionErrorCode).toBeUndefined();
    await update(id, { KeyStorePassword: cluster.kmsuserPassword });
    expect((await connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    await disconnectAndWait(id);
  });

  it("five wrong connects lock kmsuser out → USER_LOCKED_OUT even with the right password, until the CO resets it", async () => {
    const { id, cluster } = await newStore("lockout", { password: "WrongWrong123" });
    for (let i = 1; i <= 5; i++) {
      expect(await connectAndWait(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "INVALID_CREDENTIALS" });
      await disconnectAndWait(id);
    }
    await update(id, { KeyStorePassword: cluster.kmsuserPassword });
    expect(await connectAndWait(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "USER_LOCKED_OUT" });

    // Fix (spec §2.2): disconnect, changePswd kmsuser as the CO, update KeyStorePassword, connect.
    await disconnectAndWait(id);
    await changeKmsuserPassword({ clusterId: cluster.clusterId, newPassword: "Unlocked98765" });
    await update(id, { KeyStorePassword: "Unlocked98765" });
    expect((await connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    await disconnectAndWait(id);
  });

  it("all HSMs removed with CloudHSM DeleteHsm → FAILED / INSUFFICIENT_CLOUDHSM_HSMS; CreateHsm fixes it", async () => {
    const { id, cluster } = await newStore("no-hsms");
    const { Clusters } = await service.cloudhsm.send(new DescribeClustersCommand({ Filters: { clusterIds: [cluster.clusterId] } }));
    for (const hsm of Clusters![0]!.Hsms!) {
      await service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: cluster.clusterId, HsmId: hsm.HsmId }));
    }
    expect(await connectAndWait(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS" });

    await disconnectAndWait(id);
    await service.cloudhsm.send(new CreateHsmCommand({ ClusterId: cluster.clusterId, AvailabilityZone: "us-east-1a" }));
    expect((await connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    // One HSM is enough to connect, not to create keys (two in different AZs).
    const e = await rejection(requireConnectedKeyStore(id, { forKeyCreation: true }));
    expect(e).toMatchObject({ code: "CloudHsmClusterInvalidConfigurationException" });
    await disconnectAndWait(id);
  });

  it("cluster gone → FAILED / CLUSTER_NOT_FOUND; a cluster restored from its backup takes over", async () => {
    const { id, cluster } = await newStore("cluster-gone");
    const backup = await createBackup({ clusterId: cluster.clusterId });
    // CloudHSM's DeleteCluster is not part of Keyhold's API: mark the cluster deleted as it would (behind
    // the cluster functions' back, so their cache is told too).
    await db().cluster.update({ where: { id: cluster.clusterId }, data: { state: "DELETED" } });
    forgetCluster(cluster.clusterId);
    expect(await connectAndWait(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "CLUSTER_NOT_FOUND" });

    await disconnectAndWait(id);
    const { clusterId: restored } = await restoreBackup({ backupId: backup.id, hsmAvailabilityZones: TWO_ZONES });
    await update(id, { CloudHsmClusterId: restored });
    expect((await connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    await disconnectAndWait(id);
  });

  it("a cluster that is not ACTIVE fails synchronously, and the store stays DISCONNECTED", async () => {
    const { id, cluster } = await newStore("not-active");
    await db().cluster.update({ where: { id: cluster.clusterId }, data: { state: "UPDATE_IN_PROGRESS" } });
    forgetCluster(cluster.clusterId);
    const e = await rejection(connect(id));
    expect(e.name).toBe("CloudHsmClusterNotActiveException");
    expect((await waitForConnectionState(service.kms, id, "DISCONNECTED")).ConnectionState).toBe("DISCONNECTED");
    await db().cluster.update({ where: { id: cluster.clusterId }, data: { state: "ACTIVE" } });
    forgetCluster(cluster.clusterId);
  });
});

describe("after a restart", () => {
  it("a CONNECTED store logs kmsuser in again on first use and stays CONNECTED", async () => {
    const { id, cluster } = await newStore("restart");
    expect((await connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    // What a restart loses: the process's PKCS#11 logins and its session map.
    forgetSession(id);
    await logoutKmsuser({ clusterId: cluster.clusterId });
    expect(await tokensLoggedIn(cluster.clusterId)).toEqual([false, false]);

    const [first, second] = await Promise.all([requireConnectedKeyStore(id), requireConnectedKeyStore(id)]);
    expect(first.id).toBe(id);
    expect(second.id).toBe(id);
    expect(await tokensLoggedIn(cluster.clusterId)).toEqual([true, true]);
    expect((await waitForConnectionState(service.kms, id, "CONNECTED")).ConnectionState).toBe("CONNECTED");

    // If kmsuser's password changed while the server was down, the store goes FAILED.
    await changeKmsuserPassword({ clusterId: cluster.clusterId, newPassword: "ChangedMeanwhile1" });
    forgetSession(id);
    const e = await rejection(requireConnectedKeyStore(id));
    expect(e).toMatchObject({ code: "CustomKeyStoreInvalidStateException" });
    expect(await waitForConnectionState(service.kms, id, "FAILED")).toMatchObject({ ConnectionErrorCode: "INVALID_CREDENTIALS" });
    await disconnectAndWait(id);
  });

  it("a connect left CONNECTING by the previous process runs again; DISCONNECTING completes", async () => {
    const connecting = await newStore("left-connecting");
    const disconnecting = await newStore("left-disconnecting");
    await db().customKeyStore.update({
      where: { id: connecting.id },
      data: { connectionState: "CONNECTING", connectAttemptId: "old-process" },
    });
    await db().customKeyStore.update({ where: { id: disconnecting.id }, data: { connectionState: "DISCONNECTING" } });
    // A new process has not recovered yet.
    delete (globalThis as { keyholdConnectionsRecovered?: unknown }).keyholdConnectionsRecovered;

    expect((await waitForConnectionState(service.kms, connecting.id, "CONNECTED", "FAILED")).ConnectionState).toBe("CONNECTED");
    expect((await waitForConnectionState(service.kms, disconnecting.id, "DISCONNECTED")).ConnectionState).toBe("DISCONNECTED");
    await disconnectAndWait(connecting.id);
  }, 30_000); // two clusters, then a connect that also rotates kmsuser's password
});
