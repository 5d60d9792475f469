import crypto from "node:crypto";
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { decryptGcm } from "@/lib/server/hsm/aes-gcm.ts";
import { keyCheckValue } from "@/lib/server/hsm/keys.ts";
import { tokenDirectory } from "@/lib/server/hsm/tokens.ts";
import { createCluster } from "./create-cluster.ts";
import { createHsm } from "./create-hsm.ts";
import { decryptWithClusterKey } from "./decrypt-with-cluster-key.ts";
import { deleteClusterKey } from "./delete-cluster-key.ts";
import { deleteHsm } from "./delete-hsm.ts";
import { describeClusters } from "./describe-clusters.ts";
import { encryptWithClusterKey } from "./encrypt-with-cluster-key.ts";
import { generateClusterKey } from "./generate-cluster-key.ts";
import { generateClusterRandom } from "./generate-cluster-random.ts";
import { listClusterKeyLabels } from "./list-cluster-key-labels.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("cluster-keys");
const aad = Buffer.from("arn:aws:kms:us-east-1:111122223333:key/test");
const arn = (n: number) => `arn:aws:kms:us-east-1:111122223333:key/${n.toString().padStart(8, "0")}-0000-4000-8000-000000000000`;
let clusterId: string;

async function hsms(id = clusterId) {
  return db().hsm.findMany({ where: { clusterId: id }, orderBy: { createdAt: "asc" } });
}

beforeAll(async () => {
  ({ clusterId } = await createCluster({
    availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    hsmAvailabilityZones: ["us-east-1a", "us-east-1b"],
  }));
});

describe("a local CloudHSM cluster", () => {
  it("is ACTIVE with two ACTIVE HSMs in two AZs, ENIs in the AZ subnets", async () => {
    const [cluster] = await describeClusters({ clusterIds: [clusterId] });
    expect(cluster?.State).toBe("ACTIVE");
    expect(cluster?.Hsms?.map((h) => [h.AvailabilityZone, h.State])).toEqual([
      ["us-east-1a", "ACTIVE"],
      ["us-east-1b", "ACTIVE"],
    ]);
    for (const hsm of cluster!.Hsms!) {
      expect(hsm.HsmId).toMatch(/^hsm-[2-7a-z]{11,16}$/);
      expect(hsm.EniId).toMatch(/^eni-[0-9a-f]{8,17}$/);
      expect(hsm.SubnetId).toBe(cluster!.SubnetMapping![hsm.AvailabilityZone!]);
      expect(hsm.EniIp).toMatch(/^10\.0\.[0-2]\.\d{1,3}$/);
    }
    expect(cluster?.VpcId).toMatch(/^vpc-[0-9a-f]+$/);
    expect(cluster?.SecurityGroup).toMatch(/^sg-[0-9a-f]{8,17}$/);
  });

  it("a key made on the cluster decrypts on each of its HSMs, with the same check value", async () => {
    const key = await generateClusterKey({ clusterId, label: arn(1) });
    const all = await hsms();
    expect(key.hsmIds.sort()).toEqual(all.map((h) => h.id).sort());
    const sealed = await encryptWithClusterKey({ clusterId, label: arn(1), plaintext: Buffer.from("hello"), aad });
    for (const hsm of all) {
      expect(await decryptGcm(hsm.tokenLabel, arn(1), sealed, aad)).toEqual(Buffer.from("hello"));
      expect((await keyCheckValue(hsm.tokenLabel, arn(1))).toString("hex")).toBe(key.keyCheckValue);
    }
    const opened = await decryptWithClusterKey({ clusterId, label: arn(1), ...sealed, aad });
    expect(opened.plaintext).toEqual(Buffer.from("hello"));
    await expect(decryptWithClusterKey({ clusterId, label: arn(1), ...sealed, aad: Buffer.from("x") })).rejects.toMatchObject({
      code: "InvalidCiphertextException",
    });
  });

  it("generating the same label again reuses the material (idempotent)", async () => {
    const before = await generateClusterKey({ clusterId, label: arn(2) });
    const again = await generateClusterKey({ clusterId, label: arn(2) });
    expect(again.keyCheckValue).toBe(before.keyCheckValue);
  });

  it("an HSM added later holds and can use the old keys", async () => {
    const sealed = await encryptWithClusterKey({ clusterId, label: arn(1), plaintext: Buffer.from("old"), aad });
    const added = await createHsm({ clusterId, availabilityZone: "us-east-1c" });
    expect(added.state).toBe("ACTIVE");
    expect(await decryptGcm(added.tokenLabel, arn(1), sealed, aad)).toEqual(Buffer.from("old"));
    const inventory = await listClusterKeyLabels({ clusterId });
    expect(inventory).toHaveLength(3);
    for (const hsm of inventory) expect(hsm.labels).toEqual([arn(1), arn(2)]);
  });

  it("spreads work over the HSMs and survives many parallel operations", async () => {
    const payloads = Array.from({ length: 600 }, () => crypto.randomBytes(32));
    const sealed = await Promise.all(payloads.map((plaintext) => encryptWithClusterKey({ clusterId, label: arn(1), plaintext, aad })));
    expect(new Set(sealed.map((s) => s.hsmId)).size).toBe(3);
    const opened = await Promise.all(sealed.map((s) => decryptWithClusterKey({ clusterId, label: arn(1), ...s, aad })));
    opened.forEach((o, i) => expect(o.plaintext.equals(payloads[i]!)).toBe(true));
    expect(await generateClusterRandom({ clusterId, length: 32 })).toHaveLength(32);
  });

  it("fails over when one HSM's token is gone, and marks that HSM DEGRADED", async () => {
    const [first] = await hsms();
    fs.rmSync(tokenDirectory(first!.tokenLabel)!, { recursive: true });
    for (let i = 0; i < 6; i++) {
      const sealed = await encryptWithClusterKey({ clusterId, label: arn(1), plaintext: Buffer.from("x"), aad });
      expect(sealed.hsmId).not.toBe(first!.id);
    }
    expect((await db().hsm.findUnique({ where: { id: first!.id } }))?.state).toBe("DEGRADED");
    // A new key still reaches the remaining HSMs.
    const key = await generateClusterKey({ clusterId, label: arn(3) });
    expect(key.hsmIds).toHaveLength(2);
    await deleteHsm({ clusterId, hsmId: first!.id });
  });

  it("removing all HSMs but one keeps every key usable", async () => {
    const active = (await hsms()).filter((h) => h.state === "ACTIVE");
    const sealed = await encryptWithClusterKey({ clusterId, label: arn(2), plaintext: Buffer.from("keep"), aad });
    const deleted = await deleteHsm({ clusterId, hsmId: active[0]!.id });
    expect(deleted.state).toBe("DELETED");
    expect(tokenDirectory(active[0]!.tokenLabel)).toBeUndefined();
    const [cluster] = await describeClusters({ clusterIds: [clusterId] });
    expect(cluster?.Hsms).toHaveLength(1);
    for (const label of [arn(1), arn(2), arn(3)]) {
      const s = await encryptWithClusterKey({ clusterId, label, plaintext: Buffer.from(label), aad });
      expect(s.hsmId).toBe(active[1]!.id);
      expect((await decryptWithClusterKey({ clusterId, label, ...s, aad })).plaintext.toString()).toBe(label);
    }
    expect((await decryptWithClusterKey({ clusterId, label: arn(2), ...sealed, aad })).plaintext).toEqual(Buffer.from("keep"));
  });

  it("with every HSM deleted: INSUFFICIENT_CLOUDHSM_HSMS; a new HSM gets the keys back from the backup", async () => {
    const sealed = await encryptWithClusterKey({ clusterId, label: arn(3), plaintext: Buffer.from("back"), aad });
    const [last] = (await hsms()).filter((h) => h.state === "ACTIVE");
    await deleteHsm({ clusterId, hsmId: last!.id });
    await expect(encryptWithClusterKey({ clusterId, label: arn(3), plaintext: Buffer.from("x"), aad })).rejects.toMatchObject({
      code: "KMSInvalidStateException",
      connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
    });
    await expect(generateClusterKey({ clusterId, label: arn(9) })).rejects.toMatchObject({
      connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
    });
    const [cluster] = await describeClusters({ clusterIds: [clusterId] });
    expect(cluster?.State).toBe("ACTIVE");
    await createHsm({ clusterId, availabilityZone: "us-east-1a" });
    expect((await decryptWithClusterKey({ clusterId, label: arn(3), ...sealed, aad })).plaintext).toEqual(Buffer.from("back"));
  });

  it("when every remaining token is gone: KMSInvalidStateException, cannot communicate with the cluster", async () => {
    for (const hsm of (await hsms()).filter((h) => h.state === "ACTIVE")) {
      fs.rmSync(tokenDirectory(hsm.tokenLabel)!, { recursive: true });
    }
    await expect(encryptWithClusterKey({ clusterId, label: arn(1), plaintext: Buffer.from("x"), aad })).rejects.toMatchObject({
      code: "KMSInvalidStateException",
      connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS",
      safeMessage: "KMS cannot communicate with your CloudHSM cluster.",
    });
  });

  it("deletes key material from every HSM; a missing key is KMSInvalidStateException", async () => {
    const { clusterId: other } = await createCluster({ hsmAvailabilityZones: ["us-east-1a", "us-east-1b"] });
    await generateClusterKey({ clusterId: other, label: arn(5) });
    const result = await deleteClusterKey({ clusterId: other, label: arn(5) });
    expect(result.deletedFrom).toHaveLength(2);
    expect(result.failed).toEqual([]);
    await expect(encryptWithClusterKey({ clusterId: other, label: arn(5), plaintext: Buffer.from("x") })).rejects.toMatchObject({
      code: "KMSInvalidStateException",
      connectionErrorCode: undefined,
    });
  });

  it("an unknown cluster is CLUSTER_NOT_FOUND", async () => {
    await expect(
      encryptWithClusterKey({ clusterId: "cluster-doesnotexist", label: arn(1), plaintext: Buffer.from("x") }),
    ).rejects.toMatchObject({
      code: "CloudHsmClusterNotFoundException",
      connectionErrorCode: "CLUSTER_NOT_FOUND",
    });
    await expect(createHsm({ clusterId: "cluster-doesnotexist", availabilityZone: "us-east-1a" })).rejects.toMatchObject({
      code: "CloudHsmResourceNotFoundException",
    });
  });
});
