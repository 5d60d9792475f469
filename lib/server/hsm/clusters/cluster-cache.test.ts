// loadCluster keeps clusters and their HSMs in memory: every change made through the cluster functions
// (HSM removed or added, kmsuser password changed) is seen by the next cryptographic call.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { forgetCluster, loadCluster } from "./cluster-access.ts";
import { changeKmsuserPassword } from "./rotate-kmsuser-pin.ts";
import { createCluster } from "./create-cluster.ts";
import { createHsm } from "./create-hsm.ts";
import { deleteHsm } from "./delete-hsm.ts";
import { encryptWithClusterKey } from "./encrypt-with-cluster-key.ts";
import { generateClusterKey } from "./generate-cluster-key.ts";

useMigratedDataDir("cluster-cache");
const LABEL = "arn:aws:kms:us-east-1:111122223333:key/cluster-cache-test";
let clusterId: string;

beforeAll(async () => {
  ({ clusterId } = await createCluster({ hsmAvailabilityZones: ["us-east-1a", "us-east-1b"], kmsuserPassword: "Cache12345" }));
  await generateClusterKey({ clusterId, label: LABEL });
});

/** The HSMs that served `n` Encrypt calls (the calls rotate between the active HSMs). */
async function servedBy(n = 4): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let i = 0; i < n; i++) ids.add((await encryptWithClusterKey({ clusterId, label: LABEL, plaintext: Buffer.from(`p${i}`) })).hsmId);
  return ids;
}

const hsmState = async (id: string) => (await db().hsm.findUniqueOrThrow({ where: { id } })).state;

describe("the cluster cache", () => {
  it("answers repeated loads with the same frozen cluster until a write", async () => {
    const first = await loadCluster(clusterId, "kms");
    expect(await loadCluster(clusterId, "kms")).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.hsms) && Object.isFrozen(first.hsms[0])).toBe(true);
    forgetCluster(clusterId);
    const second = await loadCluster(clusterId, "kms");
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
  });

  it("does not keep a read that began before a write", async () => {
    forgetCluster(clusterId);
    const reading = loadCluster(clusterId, "kms");
    forgetCluster(clusterId); // a write lands while the read is in flight
    const old = await reading;
    expect(await loadCluster(clusterId, "kms")).not.toBe(old);
  });

  it("a kmsuser password change is used by the next call that logs in", async () => {
    expect((await servedBy()).size).toBe(2);
    // Logs kmsuser out of the tokens: the next Encrypt logs in with the password the cluster now holds.
    await changeKmsuserPassword({ clusterId, newPassword: "Changed4321" });
    expect((await servedBy()).size).toBe(2);
  });

  it("an HSM removed is not tried by the next Encrypt; one added is used; none left → no active HSMs", async () => {
    const [gone, kept] = (await loadCluster(clusterId, "kms")).hsms;
    await deleteHsm({ clusterId, hsmId: gone!.id });
    expect(await servedBy()).toEqual(new Set([kept!.id]));
    // A stale list would have tried the removed HSM, found its token gone and marked it DEGRADED.
    expect(await hsmState(gone!.id)).toBe("DELETED");

    const added = await createHsm({ clusterId, availabilityZone: "us-east-1a" });
    expect(await servedBy()).toEqual(new Set([kept!.id, added.id]));

    await deleteHsm({ clusterId, hsmId: kept!.id });
    await deleteHsm({ clusterId, hsmId: added.id });
    await expect(encryptWithClusterKey({ clusterId, label: LABEL, plaintext: Buffer.from("x") })).rejects.toMatchObject({
      code: "KMSInvalidStateException",
      safeMessage: `The CloudHSM cluster ${clusterId} does not contain any active HSMs.`,
    });
    expect(await hsmState(kept!.id)).toBe("DELETED");
  });
});
