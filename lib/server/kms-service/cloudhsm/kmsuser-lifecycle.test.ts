// kmsuser as CloudHSM and KMS treat it, over HTTP with the AWS SDK against the real local service and
// real SoftHSM tokens: KMS rotates the password on every connect (the starting password stops working,
// reconnects keep working), an administrator's CLI login makes the connect fail with USER_LOGGED_IN and
// is refused while KMS holds kmsuser, and DeleteCluster deletes only an empty cluster.
import { describe, expect, it } from "vitest";
import { DeleteClusterCommand, DeleteHsmCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { DescribeCustomKeyStoresCommand } from "@aws-sdk/client-kms";
import { loginKmsuser } from "@/lib/server/hsm/clusters/login-kmsuser.ts";
import { kmsuserPassword } from "@/lib/server/hsm/clusters/cluster-secrets.ts";
import { db } from "@/lib/server/platform/db.ts";
import { useLocalKms } from "@/test/local-kms-server.ts";
import { rejection } from "@/test/sdk-failure.ts";
import { cloudHsmKeyStores } from "@/test/cloudhsm-key-stores.ts";
import { changeKmsuserPasswordAsAdministrator, logInKmsuserAsAdministrator, logOutKmsuserAsAdministrator } from "./kmsuser-admin.ts";
import { describeKmsuserStates } from "./kmsuser-state.ts";

const service = useLocalKms("kmsuser-lifecycle");
const { newStore, connectAndWait, disconnectAndWait } = cloudHsmKeyStores(service);

const sealedPasswords = async (storeId: string, clusterId: string) => ({
  store: (await db().customKeyStore.findUniqueOrThrow({ where: { id: storeId } })).keyStorePasswordSealed,
  cluster: kmsuserPassword(await db().cluster.findUniqueOrThrow({ where: { id: clusterId } })),
});

describe("KMS rotates kmsuser's password on every connect", () => {
  it("the starting password stops working; the store and the cluster agree on the new one; reconnects rotate again", async () => {
    const { id, cluster } = await newStore("rotates");
    const before = await sealedPasswords(id, cluster.clusterId);
    expect((await connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    const first = await sealedPasswords(id, cluster.clusterId);
    expect(first.cluster).not.toBe(cluster.kmsuserPassword);
    expect(first.cluster).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(first.store).not.toBe(before.store);

    await disconnectAndWait(id);
    // The starting password is refused by the HSMs (a real C_Login), the rotated one is accepted.
    await expect(loginKmsuser({ clusterId: cluster.clusterId, password: cluster.kmsuserPassword })).rejects.toMatchObject({
      connectionErrorCode: "INVALID_CREDENTIALS",
    });
    expect((await loginKmsuser({ clusterId: cluster.clusterId, password: first.cluster })).hsmIds).toHaveLength(2);

    expect((await connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    const second = await sealedPasswords(id, cluster.clusterId);
    expect(second.cluster).not.toBe(first.cluster);
    await disconnectAndWait(id);
  });
});

describe("an administrator's kmsuser login (CloudHSM CLI)", () => {
  it("makes the connect fail with USER_LOGGED_IN until kmsuser logs out; refused while KMS holds kmsuser", async () => {
    const { id, cluster } = await newStore("logged-in");
    await logInKmsuserAsAdministrator(cluster.clusterId, cluster.kmsuserPassword);
    expect((await describeKmsuserStates([cluster.clusterId]))[0]?.login?.by).toBe("cli");
    await expect(changeKmsuserPasswordAsAdministrator(cluster.clusterId, "Another1234")).rejects.toMatchObject({
      code: "CloudHsmInvalidRequestException",
    });

    const failed = await connectAndWait(id);
    expect([failed.ConnectionState, failed.ConnectionErrorCode]).toEqual(["FAILED", "USER_LOGGED_IN"]);

    await logOutKmsuserAsAdministrator(cluster.clusterId);
    expect((await describeKmsuserStates([cluster.clusterId]))[0]?.login).toBeNull();
    await disconnectAndWait(id);
    expect((await connectAndWait(id)).ConnectionState).toBe("CONNECTED");
    expect((await describeKmsuserStates([cluster.clusterId]))[0]?.login).toMatchObject({ by: "kms", customKeyStoreId: id });

    // KMS holds kmsuser now: an administrator can neither log in nor change the password.
    await expect(logInKmsuserAsAdministrator(cluster.clusterId, cluster.kmsuserPassword)).rejects.toMatchObject({
      code: "CloudHsmInvalidRequestException",
    });
    await expect(changeKmsuserPasswordAsAdministrator(cluster.clusterId, "Another1234")).rejects.toMatchObject({
      code: "CloudHsmInvalidRequestException",
    });
    await disconnectAndWait(id);
  });

  it("a wrong password counts towards the lockout, and five lock kmsuser out", async () => {
    const { cluster } = await newStore("wrong-login");
    for (let i = 0; i < 5; i++) {
      await expect(logInKmsuserAsAdministrator(cluster.clusterId, "WrongPass123")).rejects.toMatchObject({
        connectionErrorCode: "INVALID_CREDENTIALS",
      });
    }
    expect((await describeKmsuserStates([cluster.clusterId]))[0]).toMatchObject({ lockedOut: true, failedLogins: 5, login: null });
    await changeKmsuserPasswordAsAdministrator(cluster.clusterId, "Unlocked1234");
    expect((await describeKmsuserStates([cluster.clusterId]))[0]).toMatchObject({ lockedOut: false, failedLogins: 0 });
  });
});

describe("DeleteCluster", () => {
  it("is refused while the cluster has HSMs; an empty cluster is deleted and no longer described", async () => {
    const { id, cluster } = await newStore("deleted-cluster");
    const refused = await rejection(service.cloudhsm.send(new DeleteClusterCommand({ ClusterId: cluster.clusterId })));
    expect(refused.name).toBe("CloudHsmInvalidRequestException");
    expect(refused.message).toMatch(/Delete every HSM/);

    for (const hsm of await db().hsm.findMany({ where: { clusterId: cluster.clusterId } })) {
      await service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: cluster.clusterId, HsmId: hsm.id }));
    }
    const { Cluster } = await service.cloudhsm.send(new DeleteClusterCommand({ ClusterId: cluster.clusterId }));
    expect(Cluster?.State).toBe("DELETED");
    const { Clusters } = await service.cloudhsm.send(new DescribeClustersCommand({}));
    expect(Clusters?.map((c) => c.ClusterId)).not.toContain(cluster.clusterId);

    // As on AWS, the key store that named it stays and fails to connect with CLUSTER_NOT_FOUND.
    const failed = await connectAndWait(id).catch((e: Error) => e);
    const stores = await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
    expect(stores.CustomKeyStores?.[0]?.CustomKeyStoreId).toBe(id);
    expect(failed instanceof Error ? failed.name : failed.ConnectionErrorCode).toMatch(
      /CLUSTER_NOT_FOUND|CloudHsmClusterNotFoundException/,
    );
    const again = await rejection(service.cloudhsm.send(new DeleteClusterCommand({ ClusterId: cluster.clusterId })));
    expect(again.name).toBe("CloudHsmResourceNotFoundException");
  });
});
