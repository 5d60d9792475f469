import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { backupFilePath } from "./backup-file.ts";
import { createBackup } from "./create-backup.ts";
import { createCluster } from "./create-cluster.ts";
import { createHsm } from "./create-hsm.ts";
import { decryptWithClusterKey } from "./decrypt-with-cluster-key.ts";
import { describeBackups } from "./describe-backups.ts";
import { describeClusters } from "./describe-clusters.ts";
import { encryptWithClusterKey } from "./encrypt-with-cluster-key.ts";
import { generateClusterKey } from "./generate-cluster-key.ts";
import { listClusterKeyLabels } from "./list-cluster-key-labels.ts";
import { loginKmsuser } from "./login-kmsuser.ts";
import { restoreBackup } from "./restore-backup.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("backups");
const K1 = "arn:aws:kms:us-east-1:111122223333:key/backup-1";
const K2 = "arn:aws:kms:us-east-1:111122223333:key/backup-2";
const aad = Buffer.from("ctx");
let source: string;

beforeAll(async () => {
  ({ clusterId: source } = await createCluster({
    hsmAvailabilityZones: ["us-east-1a", "us-east-1b"],
    kmsuserPassword: "BackupPass123",
  }));
  await generateClusterKey({ clusterId: source, label: K1 });
  await generateClusterKey({ clusterId: source, label: K2 });
});

describe("backups", () => {
  it("are taken automatically when HSMs are added, and on demand; the file is sealed", async () => {
    const auto = await describeBackups({ clusterIds: [source] });
    expect(auto.length).toBeGreaterThanOrEqual(2);
    const backup = await createBackup({ clusterId: source });
    expect(backup).toMatchObject({ state: "READY", keyCount: 2, clusterId: source });
    const [latest] = await describeBackups({ clusterIds: [source] });
    expect(latest).toMatchObject({ BackupId: backup.id, BackupState: "READY", ClusterId: source });
    expect(latest?.BackupId).toMatch(/^backup-[2-7a-z]{11,16}$/);
    const file = backupFilePath(source, backup.id);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, "utf8");
    expect(text).toMatch(/^v1\./);
    expect(text).not.toContain("backup-1");
    expect(text).not.toContain("BackupPass123");
  });

  it("restore into a new cluster: old ciphertexts decrypt, same certificates, inherited kmsuser password", async () => {
    const sealed = await encryptWithClusterKey({ clusterId: source, label: K1, plaintext: Buffer.from("before the backup"), aad });
    const backup = await createBackup({ clusterId: source });
    const { clusterId: restored } = await restoreBackup({
      backupId: backup.id,
      hsmAvailabilityZones: ["us-east-1a", "us-east-1b"],
    });
    expect(restored).not.toBe(source);
    const [a, b] = await describeClusters({ clusterIds: [source, restored] });
    const restoredCluster = [a, b].find((c) => c?.ClusterId === restored)!;
    const sourceCluster = [a, b].find((c) => c?.ClusterId === source)!;
    expect(restoredCluster.State).toBe("ACTIVE");
    expect(restoredCluster.SourceBackupId).toBe(backup.id);
    expect(restoredCluster.Hsms).toHaveLength(2);
    expect(restoredCluster.Certificates?.ClusterCertificate).toBe(sourceCluster.Certificates?.ClusterCertificate);
    expect((await db().cluster.findUniqueOrThrow({ where: { id: restored } })).trustAnchorPem).toBe(
      (await db().cluster.findUniqueOrThrow({ where: { id: source } })).trustAnchorPem,
    );

    const opened = await decryptWithClusterKey({ clusterId: restored, label: K1, ...sealed, aad });
    expect(opened.plaintext).toEqual(Buffer.from("before the backup"));
    for (const hsm of await listClusterKeyLabels({ clusterId: restored })) expect(hsm.labels).toEqual([K1, K2]);
    expect((await loginKmsuser({ clusterId: restored, password: "BackupPass123" })).hsmIds).toHaveLength(2);
    // And the other way round: the restored cluster's ciphertexts decrypt on the source.
    const back = await encryptWithClusterKey({ clusterId: restored, label: K2, plaintext: Buffer.from("x"), aad });
    expect((await decryptWithClusterKey({ clusterId: source, label: K2, ...back, aad })).plaintext).toEqual(Buffer.from("x"));
  });

  it("a cluster restored without HSMs gets the backup's keys on its first HSM", async () => {
    const sealed = await encryptWithClusterKey({ clusterId: source, label: K2, plaintext: Buffer.from("later"), aad });
    const [latest] = await describeBackups({ clusterIds: [source] });
    const { clusterId } = await restoreBackup({ backupId: latest!.BackupId! });
    const [cluster] = await describeClusters({ clusterIds: [clusterId] });
    expect(cluster?.State).toBe("INITIALIZED");
    expect(cluster?.Hsms).toEqual([]);
    await createHsm({ clusterId, availabilityZone: "us-east-1b" });
    expect((await decryptWithClusterKey({ clusterId, label: K2, ...sealed, aad })).plaintext).toEqual(Buffer.from("later"));
  });

  it("an unknown backup is CloudHsmResourceNotFoundException", async () => {
    await expect(restoreBackup({ backupId: "backup-nosuchbackup" })).rejects.toMatchObject({
      code: "CloudHsmResourceNotFoundException",
    });
  });
});
