// CloudHSM v2 DescribeClusters, DescribeBackups, CreateHsm and DeleteHsm through
// @aws-sdk/client-cloudhsm-v2 (and Debian's AWS CLI v2) over HTTP against the real local service.
import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateHsmCommand,
  DeleteHsmCommand,
  DescribeBackupsCommand,
  DescribeClustersCommand,
  type Cluster,
} from "@aws-sdk/client-cloudhsm-v2";
import { createCluster, type CreatedCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { db } from "@/lib/server/platform/db.ts";
import { haveAwsCli, useAwsCli } from "@/test/aws-cli.ts";
import { CREDENTIALS, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { rejection } from "@/test/sdk-failure.ts";

const service = useLocalKms("cloudhsm");
let a: CreatedCluster; // HSMs in us-east-1a and us-east-1b
let b: CreatedCluster; // no HSMs: INITIALIZED
let c: CreatedCluster; // one HSM

async function cluster(id: string): Promise<Cluster> {
  const { Clusters } = await service.cloudhsm.send(new DescribeClustersCommand({ Filters: { clusterIds: [id] } }));
  expect(Clusters).toHaveLength(1);
  return Clusters![0]!;
}

beforeAll(async () => {
  a = await createCluster({ hsmAvailabilityZones: ["us-east-1a", "us-east-1b"] });
  b = await createCluster();
  c = await createCluster({ hsmAvailabilityZones: ["us-east-1b"] });
});

describe("DescribeClusters", () => {
  it("lists every cluster, oldest first, with HSMs, AZs, states, subnets and certificates", async () => {
    const { Clusters, NextToken } = await service.cloudhsm.send(new DescribeClustersCommand({}));
    expect(NextToken).toBeUndefined();
    expect(Clusters!.map((x) => x.ClusterId)).toEqual([a.clusterId, b.clusterId, c.clusterId]);
    const first = Clusters![0]!;
    expect(first).toMatchObject({
      State: "ACTIVE",
      HsmType: "hsm1.medium",
      BackupPolicy: "DEFAULT",
      VpcId: expect.stringMatching(/^vpc-[0-9a-f]+$/),
      SecurityGroup: expect.stringMatching(/^sg-[0-9a-f]{8,17}$/),
      SubnetMapping: { "us-east-1a": expect.stringMatching(/^subnet-/), "us-east-1b": expect.stringMatching(/^subnet-/) },
    });
    expect(first.CreateTimestamp).toBeInstanceOf(Date);
    expect(first.Certificates?.ClusterCertificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(first.Hsms!.map((h) => [h.AvailabilityZone, h.State])).toEqual([
      ["us-east-1a", "ACTIVE"],
      ["us-east-1b", "ACTIVE"],
    ]);
    expect(first.Hsms![0]).toMatchObject({
      HsmId: expect.stringMatching(/^hsm-[2-7a-z]{11}$/),
      ClusterId: a.clusterId,
      EniId: expect.stringMatching(/^eni-[0-9a-f]{8,17}$/),
      EniIp: expect.stringMatching(/^10\.0\.0\.\d+$/),
    });
    expect(JSON.stringify(Clusters)).not.toContain(a.kmsuserPassword);
    expect(Clusters![1]!.State).toBe("INITIALIZED");
  });

  it("filters by clusterIds, states and vpcIds (all must match)", async () => {
    const send = (Filters: Record<string, string[]>) =>
      service.cloudhsm.send(new DescribeClustersCommand({ Filters })).then((r) => r.Clusters!.map((x) => x.ClusterId));
    expect(await send({ clusterIds: [b.clusterId, c.clusterId] })).toEqual([b.clusterId, c.clusterId]);
    expect(await send({ states: ["INITIALIZED"] })).toEqual([b.clusterId]);
    expect(await send({ states: ["ACTIVE"], clusterIds: [b.clusterId] })).toEqual([]);
    const vpc = (await cluster(c.clusterId)).VpcId!;
    expect(await send({ vpcIds: [vpc] })).toEqual([c.clusterId]);
    const e = await rejection(send({ hsmIds: ["x"] }));
    expect(e.name).toBe("CloudHsmInvalidRequestException");
    expect(e.message).toMatch(/'hsmIds' is not a valid filter/);
  });

  it("pages with MaxResults / NextToken and refuses tokens it did not issue", async () => {
    const ids: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const res = await service.cloudhsm.send(new DescribeClustersCommand({ MaxResults: 2, NextToken }));
      ids.push(...res.Clusters!.map((x) => x.ClusterId!));
      NextToken = res.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(2);
    expect(ids).toEqual([a.clusterId, b.clusterId, c.clusterId]);

    const bad = await rejection(service.cloudhsm.send(new DescribeClustersCommand({ NextToken: "bogus" })));
    expect(bad.name).toBe("CloudHsmInvalidRequestException");
    expect(bad.$metadata.httpStatusCode).toBe(400);
    const tooMany = await rejection(service.cloudhsm.send(new DescribeClustersCommand({ MaxResults: 26 })));
    expect(tooMany.name).toBe("ValidationException");
    expect(tooMany.message).toBe(
      "1 validation error detected: Value '26' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 25",
    );
  });
});

describe("CreateHsm and DeleteHsm", () => {
  it("CreateHsm adds an ACTIVE HSM in the AZ (at the given address), and activates a new cluster", async () => {
    const { Hsm } = await service.cloudhsm.send(new CreateHsmCommand({ ClusterId: b.clusterId, AvailabilityZone: "us-east-1b" }));
    expect(Hsm).toMatchObject({
      HsmId: expect.stringMatching(/^hsm-[2-7a-z]{11}$/),
      ClusterId: b.clusterId,
      AvailabilityZone: "us-east-1b",
      SubnetId: (await cluster(b.clusterId)).SubnetMapping!["us-east-1b"],
      EniIp: expect.stringMatching(/^10\.0\.1\.\d+$/),
      State: "ACTIVE",
    });
    expect((await cluster(b.clusterId)).State).toBe("ACTIVE");

    const { Hsm: placed } = await service.cloudhsm.send(
      new CreateHsmCommand({ ClusterId: b.clusterId, AvailabilityZone: "us-east-1a", IpAddress: "10.0.0.77" }),
    );
    expect(placed?.EniIp).toBe("10.0.0.77");
    expect((await cluster(b.clusterId)).Hsms!.map((h) => h.HsmId)).toEqual([Hsm!.HsmId, placed!.HsmId]);
  });

  it("CreateHsm errors: taken or foreign address, AZ without a subnet, unknown cluster, invalid members", async () => {
    const send = (input: Record<string, unknown>) =>
      rejection(service.cloudhsm.send(new CreateHsmCommand({ ClusterId: b.clusterId, AvailabilityZone: "us-east-1a", ...input })));
    const taken = await send({ IpAddress: "10.0.0.77" });
    expect(taken.name).toBe("CloudHsmInvalidRequestException");
    expect(taken.message).toMatch(/already in use/);
    expect((await send({ IpAddress: "10.0.1.5" })).name).toBe("CloudHsmInvalidRequestException");
    expect((await send({ AvailabilityZone: "us-east-1c" })).name).toBe("CloudHsmInvalidRequestException");
    const unknown = await send({ ClusterId: "cluster-aaaaaaaaaaa" });
    expect(unknown.name).toBe("CloudHsmResourceNotFoundException");
    expect(unknown.message).toBe("Cluster cluster-aaaaaaaaaaa was not found.");
    const invalid = await send({ ClusterId: "my-cluster", AvailabilityZone: undefined });
    expect(invalid.name).toBe("ValidationException");
    expect(invalid.message).toMatch(/^2 validation errors detected: /);
    expect(invalid.message).toContain("Value null at 'availabilityZone' failed to satisfy constraint: Member must not be null");
  });

  it("DeleteHsm by HsmId, EniId or EniIp answers { HsmId } and the HSM is gone", async () => {
    const hsms = (await cluster(b.clusterId)).Hsms!;
    expect(hsms).toHaveLength(2);
    const byEniIp = await service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: b.clusterId, EniIp: hsms[1]!.EniIp }));
    expect(byEniIp).toMatchObject({ HsmId: hsms[1]!.HsmId });
    const byEniId = await service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: b.clusterId, EniId: hsms[0]!.EniId }));
    expect(byEniId.HsmId).toBe(hsms[0]!.HsmId);
    expect((await cluster(b.clusterId)).Hsms).toEqual([]);
    const rows = await db().hsm.findMany({ where: { clusterId: b.clusterId } });
    expect(rows.map((h) => h.state)).toEqual(["DELETED", "DELETED"]);

    const [first] = (await cluster(c.clusterId)).Hsms!;
    expect((await service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: c.clusterId, HsmId: first!.HsmId }))).HsmId).toBe(first!.HsmId);
  });

  it("DeleteHsm errors: nothing named, unknown HSM or cluster, a deleted HSM", async () => {
    const none = await rejection(service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: a.clusterId })));
    expect(none.name).toBe("CloudHsmInvalidRequestException");
    const unknown = await rejection(service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: a.clusterId, HsmId: "hsm-aaaaaaaaaaa" })));
    expect(unknown.name).toBe("CloudHsmResourceNotFoundException");
    const deleted = (await db().hsm.findFirstOrThrow({ where: { clusterId: c.clusterId, state: "DELETED" } })).id;
    const again = await rejection(service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: c.clusterId, HsmId: deleted })));
    expect(again.name).toBe("CloudHsmResourceNotFoundException");
    const mismatch = await rejection(
      service.cloudhsm.send(
        new DeleteHsmCommand({ ClusterId: a.clusterId, HsmId: (await cluster(a.clusterId)).Hsms![0]!.HsmId, EniIp: "10.0.9.9" }),
      ),
    );
    expect(mismatch.name).toBe("CloudHsmResourceNotFoundException");
    const wrongCluster = await rejection(service.cloudhsm.send(new DeleteHsmCommand({ ClusterId: "cluster-bbbbbbbbbbb", HsmId: deleted })));
    expect(wrongCluster.name).toBe("CloudHsmResourceNotFoundException");
  });
});

describe("DescribeBackups", () => {
  it("lists the backups CloudHSM takes around HSM changes, newest first or oldest first, filtered and paged", async () => {
    const all = (await service.cloudhsm.send(new DescribeBackupsCommand({}))).Backups!;
    // b: one after each CreateHsm, one before each DeleteHsm of an ACTIVE HSM; c: one for its HSM, one before deleting it.
    expect(all.length).toBeGreaterThanOrEqual(4);
    const times = all.map((x) => x.CreateTimestamp!.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const ascending = (await service.cloudhsm.send(new DescribeBackupsCommand({ SortAscending: true }))).Backups!;
    expect(ascending.map((x) => x.BackupId)).toEqual([...all].reverse().map((x) => x.BackupId));
    expect(all[0]).toMatchObject({ BackupId: expect.stringMatching(/^backup-[2-7a-z]{11}$/), BackupState: "READY", NeverExpires: false });

    const ofC = (await service.cloudhsm.send(new DescribeBackupsCommand({ Filters: { clusterIds: [c.clusterId] } }))).Backups!;
    expect(ofC.length).toBeGreaterThan(0);
    expect(ofC.every((x) => x.ClusterId === c.clusterId)).toBe(true);
    const one = (
      await service.cloudhsm.send(new DescribeBackupsCommand({ Filters: { backupIds: [ofC[0]!.BackupId!], states: ["READY"] } }))
    ).Backups!;
    expect(one.map((x) => x.BackupId)).toEqual([ofC[0]!.BackupId]);
    expect((await service.cloudhsm.send(new DescribeBackupsCommand({ Filters: { neverExpires: ["true"] } }))).Backups).toEqual([]);
    expect((await service.cloudhsm.send(new DescribeBackupsCommand({ Shared: true } as never))).Backups).toEqual([]);

    const paged: string[] = [];
    let NextToken: string | undefined;
    do {
      const res = await service.cloudhsm.send(new DescribeBackupsCommand({ MaxResults: 1, NextToken }));
      expect(res.Backups!.length).toBeLessThanOrEqual(1);
      paged.push(...res.Backups!.map((x) => x.BackupId!));
      NextToken = res.NextToken;
    } while (NextToken);
    expect(paged).toEqual(all.map((x) => x.BackupId));

    const bad = await rejection(service.cloudhsm.send(new DescribeBackupsCommand({ Filters: { tags: ["x"] } })));
    expect(bad.name).toBe("CloudHsmInvalidRequestException");
    const tooMany = await rejection(service.cloudhsm.send(new DescribeBackupsCommand({ MaxResults: 51 })));
    expect(tooMany.name).toBe("ValidationException");
  });
});

describe.skipIf(!haveAwsCli)("aws cloudhsmv2 (Debian's AWS CLI v2)", () => {
  const aws = useAwsCli({ url: () => service.url, region: REGION, credentials: CREDENTIALS });

  async function cli(args: string[]): Promise<any> {
    const { stdout } = await aws(["cloudhsmv2", ...args]);
    return stdout.trim() ? JSON.parse(stdout) : {};
  }

  it("create-hsm, describe-clusters --filters, delete-hsm", async () => {
    const created = await cli(["create-hsm", "--cluster-id", c.clusterId, "--availability-zone", "us-east-1a"]);
    expect(created.Hsm).toMatchObject({ ClusterId: c.clusterId, AvailabilityZone: "us-east-1a", State: "ACTIVE" });
    const described = await cli(["describe-clusters", "--filters", `clusterIds=${c.clusterId}`]);
    expect(described.Clusters[0].Hsms.map((h: { HsmId: string }) => h.HsmId)).toEqual([created.Hsm.HsmId]);
    expect(typeof described.Clusters[0].CreateTimestamp).toBe("string");
    const deleted = await cli(["delete-hsm", "--cluster-id", c.clusterId, "--hsm-id", created.Hsm.HsmId]);
    expect(deleted).toEqual({ HsmId: created.Hsm.HsmId });
    const backups = await cli(["describe-backups", "--filters", `clusterIds=${c.clusterId}`, "--sort-ascending"]);
    expect(backups.Backups.length).toBeGreaterThan(0);
    const err = await rejection(cli(["delete-hsm", "--cluster-id", c.clusterId, "--hsm-id", created.Hsm.HsmId]));
    expect(err.stderr).toContain("An error occurred (CloudHsmResourceNotFoundException) when calling the DeleteHsm operation");
  });
});
