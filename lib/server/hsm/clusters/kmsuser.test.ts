import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { pkcs11 } from "@/lib/server/hsm/module.ts";
import { isLoggedIn } from "@/lib/server/hsm/session-pool.ts";
import { changeKmsuserPassword } from "./rotate-kmsuser-pin.ts";
import { createCluster } from "./create-cluster.ts";
import { deleteHsm } from "./delete-hsm.ts";
import { encryptWithClusterKey } from "./encrypt-with-cluster-key.ts";
import { generateClusterKey } from "./generate-cluster-key.ts";
import { loginKmsuser, MAX_FAILED_LOGINS } from "./login-kmsuser.ts";
import { logoutKmsuser } from "./logout-kmsuser.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("kmsuser");
const LABEL = "arn:aws:kms:us-east-1:111122223333:key/kmsuser-test";
let clusterId: string;
let password: string;

async function failures() {
  return (await db().cluster.findUniqueOrThrow({ where: { id: clusterId } })).kmsuserFailedLogins;
}

beforeAll(async () => {
  ({ clusterId, kmsuserPassword: password } = await createCluster({
    hsmAvailabilityZones: ["us-east-1a", "us-east-1b"],
    kmsuserPassword: "Initial1234",
  }));
  await generateClusterKey({ clusterId, label: LABEL });
});

describe("kmsuser login", () => {
  it("the right password logs kmsuser in to every active HSM", async () => {
    expect(password).toBe("Initial1234");
    const { hsmIds } = await loginKmsuser({ clusterId, password });
    expect(hsmIds).toHaveLength(2);
  });

  it("a wrong password is INVALID_CREDENTIALS, C_Login runs exactly once, one failure is counted", async () => {
    const spy = vi.spyOn(pkcs11(), "C_Login");
    try {
      await expect(loginKmsuser({ clusterId, password: "Wrong12345" })).rejects.toMatchObject({
        connectionErrorCode: "INVALID_CREDENTIALS",
      });
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(await failures()).toBe(1);
  });

  it("a successful login resets the failure count", async () => {
    await loginKmsuser({ clusterId, password });
    expect(await failures()).toBe(0);
  });

  it(`${MAX_FAILED_LOGINS} failures lock kmsuser: USER_LOCKED_OUT even with the right password, until the password is changed`, async () => {
    for (let i = 1; i <= MAX_FAILED_LOGINS; i++) {
      await expect(loginKmsuser({ clusterId, password: `Wrong${i}xxxxx` })).rejects.toMatchObject({
        connectionErrorCode: "INVALID_CREDENTIALS",
      });
    }
    const spy = vi.spyOn(pkcs11(), "C_Login");
    try {
      await expect(loginKmsuser({ clusterId, password })).rejects.toMatchObject({
        code: "CustomKeyStoreInvalidStateException",
        connectionErrorCode: "USER_LOCKED_OUT",
      });
      await expect(loginKmsuser({ clusterId, password: "Wrong99xxxx" })).rejects.toMatchObject({
        connectionErrorCode: "USER_LOCKED_OUT",
      });
      // A locked-out user is not even tried against the HSMs.
      expect(spy).not.toHaveBeenCalled();
      // Nor can key operations log in again.
      await expect(encryptWithClusterKey({ clusterId, label: LABEL, plaintext: Buffer.from("x") })).rejects.toMatchObject({
        connectionErrorCode: "USER_LOCKED_OUT",
      });
    } finally {
      spy.mockRestore();
    }

    await changeKmsuserPassword({ clusterId, newPassword: "Changed98765" });
    const row = await db().cluster.findUniqueOrThrow({ where: { id: clusterId } });
    expect(row.kmsuserFailedLogins).toBe(0);
    expect(row.kmsuserLockedAt).toBeNull();
    await expect(loginKmsuser({ clusterId, password })).rejects.toMatchObject({ connectionErrorCode: "INVALID_CREDENTIALS" });
    expect((await loginKmsuser({ clusterId, password: "Changed98765" })).hsmIds).toHaveLength(2);
    const sealed = await encryptWithClusterKey({ clusterId, label: LABEL, plaintext: Buffer.from("after") });
    expect(sealed.tag).toHaveLength(16);
  });

  it("rejects passwords CloudHSM would reject", async () => {
    for (const bad of ["short", "has space1", "x".repeat(33), "sp€cial123"]) {
      await expect(changeKmsuserPassword({ clusterId, newPassword: bad })).rejects.toMatchObject({
        code: "CloudHsmInvalidRequestException",
      });
    }
    await expect(createCluster({ kmsuserPassword: "bad!" })).rejects.toMatchObject({ code: "CloudHsmInvalidRequestException" });
  });

  it("a change that fails on one HSM puts the old password back on the others: the cluster never disagrees", async () => {
    // The second HSM's C_InitPIN fails (a device error), after the first HSM already took the new password.
    const real = pkcs11().C_InitPIN.bind(pkcs11());
    let calls = 0;
    const spy = vi.spyOn(pkcs11(), "C_InitPIN").mockImplementation((session, pin) => {
      calls += 1;
      if (calls === 2) throw Object.assign(new Error("CKR_DEVICE_ERROR"), { code: 0x30 });
      return real(session, pin);
    });
    try {
      await expect(changeKmsuserPassword({ clusterId, newPassword: "Never1234567" })).rejects.toBeDefined();
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(3); // new on the first, failed on the second, old back on the first
    await expect(loginKmsuser({ clusterId, password: "Never1234567" })).rejects.toMatchObject({
      connectionErrorCode: "INVALID_CREDENTIALS",
    });
    expect((await loginKmsuser({ clusterId, password: "Changed98765" })).hsmIds).toHaveLength(2);
    await logoutKmsuser({ clusterId });
  });

  it("logout logs kmsuser out of every HSM; key operations log in again with the stored password", async () => {
    const hsms = await db().hsm.findMany({ where: { clusterId } });
    await logoutKmsuser({ clusterId });
    expect(hsms.some((h) => isLoggedIn(h.tokenLabel))).toBe(false);
    expect((await encryptWithClusterKey({ clusterId, label: LABEL, plaintext: Buffer.from("x") })).tag).toHaveLength(16);
  });

  it("with no active HSM, login is INSUFFICIENT_CLOUDHSM_HSMS; an unknown cluster is CLUSTER_NOT_FOUND", async () => {
    for (const hsm of await db().hsm.findMany({ where: { clusterId, state: "ACTIVE" } })) {
      await deleteHsm({ clusterId, hsmId: hsm.id });
    }
    await expect(loginKmsuser({ clusterId, password: "Changed98765" })).rejects.toMatchObject({
      connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
    });
    await expect(loginKmsuser({ clusterId: "cluster-nosuchcluster", password })).rejects.toMatchObject({
      code: "CloudHsmClusterNotFoundException",
      connectionErrorCode: "CLUSTER_NOT_FOUND",
    });
  });
});
