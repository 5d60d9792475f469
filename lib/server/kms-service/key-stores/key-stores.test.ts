// CreateCustomKeyStore, DescribeCustomKeyStores, UpdateCustomKeyStore and DeleteCustomKeyStore through
// @aws-sdk/client-kms over HTTP against the real local service (SQLite, SoftHSM clusters).
import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateCustomKeyStoreCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  UpdateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
} from "@aws-sdk/client-kms";
import { createBackup } from "@/lib/server/hsm/clusters/create-backup.ts";
import { createCluster, type CreatedCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { restoreBackup } from "@/lib/server/hsm/clusters/restore-backup.ts";
import { db } from "@/lib/server/platform/db.ts";
import { useLocalKms } from "@/test/local-kms-server.ts";
import { rejection } from "@/test/sdk-failure.ts";

const service = useLocalKms("key-stores");
let a: CreatedCluster; // two ACTIVE HSMs in us-east-1a / us-east-1b
let b: CreatedCluster; // same, unrelated to a
let restoredFromA: string; // restored from a backup of a, two HSMs
let oneZone: CreatedCluster; // two ACTIVE HSMs, both in us-east-1a
let noHsms: CreatedCluster; // INITIALIZED, not ACTIVE
let pageClusters: CreatedCluster[] = []; // the clusters of stores page-0 … page-8

const TWO_ZONES = ["us-east-1a", "us-east-1b"];

function input(cluster: CreatedCluster, name: string, extra: Partial<CreateCustomKeyStoreCommandInput> = {}) {
  return {
    CustomKeyStoreName: name,
    CloudHsmClusterId: cluster.clusterId,
    TrustAnchorCertificate: cluster.trustAnchorPem,
    KeyStorePassword: cluster.kmsuserPassword,
    ...extra,
  };
}

async function create(params: CreateCustomKeyStoreCommandInput): Promise<string> {
  return (await service.kms.send(new CreateCustomKeyStoreCommand(params))).CustomKeyStoreId!;
}

async function describeOne(id: string) {
  return (await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores![0]!;
}

beforeAll(async () => {
  [a, b] = await Promise.all([createCluster({ hsmAvailabilityZones: TWO_ZONES }), createCluster({ hsmAvailabilityZones: TWO_ZONES })]);
  const backup = await createBackup({ clusterId: a.clusterId });
  ({ clusterId: restoredFromA } = await restoreBackup({ backupId: backup.id, hsmAvailabilityZones: TWO_ZONES }));
  oneZone = await createCluster({ hsmAvailabilityZones: ["us-east-1a", "us-east-1a"] });
  noHsms = await createCluster();
});

describe("CreateCustomKeyStore", () => {
  let storeA: string;

  it("creates a DISCONNECTED AWS_CLOUDHSM store and describes it (no password in any answer)", async () => {
    const res = await service.kms.send(new CreateCustomKeyStoreCommand(input(a, "store-a")));
    storeA = res.CustomKeyStoreId!;
    expect(storeA).toMatch(/^cks-[0-9a-f]{17}$/);
    expect(JSON.stringify(res)).not.toContain(a.kmsuserPassword);
    const entry = await describeOne(storeA);
    expect(entry).toEqual({
      CustomKeyStoreId: storeA,
      CustomKeyStoreName: "store-a",
      CloudHsmClusterId: a.clusterId,
      TrustAnchorCertificate: a.trustAnchorPem,
      ConnectionState: "DISCONNECTED",
      CreationDate: expect.any(Date),
      CustomKeyStoreType: "AWS_CLOUDHSM",
    });
    // Sealed at rest, never in clear.
    const row = await db().customKeyStore.findUniqueOrThrow({ where: { id: storeA } });
    expect(row.keyStorePasswordSealed).not.toContain(a.kmsuserPassword);
  });

  it("an identical retry returns the existing store's id; a different one with the same name is refused", async () => {
    expect(await create({ ...input(a, "store-a"), CustomKeyStoreType: "AWS_CLOUDHSM" })).toBe(storeA);
    const e = await rejection(create(input(a, "store-a", { KeyStorePassword: "Another1234" })));
    expect(e.name).toBe("CustomKeyStoreNameInUseException");
    expect(e.$metadata.httpStatusCode).toBe(400);
    const other = await rejection(create(input(b, "store-a")));
    expect(other.name).toBe("CustomKeyStoreNameInUseException");
  });

  it("refuses a cluster already used by a store, or sharing its backup history", async () => {
    const same = await rejection(create(input(a, "store-a-again")));
    expect(same.name).toBe("CloudHsmClusterInUseException");
    expect(same.message).toContain(storeA);
    const restored = await rejection(create({ ...input(a, "store-restored"), CloudHsmClusterId: restoredFromA }));
    expect(restored.name).toBe("CloudHsmClusterInUseException");
  });

  it("checks the cluster: exists, ACTIVE, two active HSMs in different AZs", async () => {
    const missing = await rejection(create({ ...input(b, "x"), CloudHsmClusterId: "cluster-aaaaaaaaaaa" }));
    expect(missing.name).toBe("CloudHsmClusterNotFoundException");
    const inactive = await rejection(create(input(noHsms, "x")));
    expect(inactive.name).toBe("CloudHsmClusterNotActiveException");
    expect(inactive.message).toContain("INITIALIZED");
    const sameZone = await rejection(create(input(oneZone, "x")));
    expect(sameZone.name).toBe("CloudHsmClusterInvalidConfigurationException");
    expect(sameZone.message).toMatch(/2 active HSMs in 1 Availability Zone/);
  });

  it("refuses another cluster's trust anchor, and a trust anchor that is not a certificate", async () => {
    const wrong = await rejection(create(input(b, "store-b", { TrustAnchorCertificate: a.trustAnchorPem })));
    expect(wrong.name).toBe("IncorrectTrustAnchorException");
    const junk = await rejection(create(input(b, "store-b", { TrustAnchorCertificate: "not a certificate" })));
    expect(junk.name).toBe("IncorrectTrustAnchorException");
    expect(await db().customKeyStore.count({ where: { name: "store-b" } })).toBe(0);
  });

  it("validates every member against the model, never echoing the password", async () => {
    const tooLong = await rejection(create(input(b, "n".repeat(257))));
    expect(tooLong.name).toBe("ValidationException");
    expect(tooLong.message).toBe(
      `1 validation error detected: Value '${"n".repeat(257)}' at 'customKeyStoreName' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
    const several = await rejection(
      create({ CustomKeyStoreName: "", CloudHsmClusterId: "cluster-1", TrustAnchorCertificate: "x", KeyStorePassword: "abc" }),
    );
    expect(several.name).toBe("ValidationException");
    expect(several.message).toMatch(/^4 validation errors detected: /);
    expect(several.message).toContain(
      "Value '' at 'customKeyStoreName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(several.message).toContain(
      "Value 'cluster-1' at 'cloudHsmClusterId' failed to satisfy constraint: Member must have length greater than or equal to 19",
    );
    expect(several.message).toContain("Member must satisfy regular expression pattern: cluster-[2-7a-zA-Z]{11,16}");
    expect(several.message).toContain(
      "Value at 'keyStorePassword' failed to satisfy constraint: Member must have length greater than or equal to 7",
    );
    expect(several.message).not.toContain("'abc'");

    const badType = await rejection(create({ ...input(b, "x"), CustomKeyStoreType: "HSM" as never }));
    expect(badType.message).toContain(
      "Value 'HSM' at 'customKeyStoreType' failed to satisfy constraint: Member must satisfy enum value set: [AWS_CLOUDHSM, EXTERNAL_KEY_STORE]",
    );
  });

  it("requires the CloudHSM members for an AWS_CLOUDHSM store and refuses the external ones", async () => {
    const missing = await rejection(create({ CustomKeyStoreName: "bare" }));
    expect(missing.name).toBe("ValidationException");
    expect(missing.message).toMatch(/^3 validation errors detected: /);
    for (const member of ["cloudHsmClusterId", "trustAnchorCertificate", "keyStorePassword"]) {
      expect(missing.message).toContain(
        `Value null at '${member}' failed to satisfy constraint: Member must not be null for a custom key store of type AWS_CLOUDHSM`,
      );
    }
    const xks = await rejection(create(input(b, "x", { XksProxyUriPath: "/kms/xks/v1" })));
    expect(xks.name).toBe("ValidationException");
    expect(xks.message).toContain(
      "'xksProxyUriPath' failed to satisfy constraint: Member is valid only for a custom key store of type EXTERNAL_KEY_STORE",
    );
  });

  it("validates EXTERNAL_KEY_STORE members, then contacts the proxy (none here: XksProxyUriUnreachableException)", async () => {
    const e = await rejection(
      create({
        CustomKeyStoreName: "xks",
        CustomKeyStoreType: "EXTERNAL_KEY_STORE",
        XksProxyConnectivity: "PUBLIC_ENDPOINT",
        XksProxyUriEndpoint: "https://xks.example.com",
        XksProxyUriPath: "/kms/xks/v1",
        XksProxyAuthenticationCredential: {
          AccessKeyId: "ABCDEFGHIJKLMNOPQRST",
          RawSecretAccessKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH",
        },
      }),
    );
    expect(e.name).toBe("XksProxyUriUnreachableException");
    expect(e.message).toContain("https://xks.example.com/kms/xks/v1");
    const invalid = await rejection(
      create({
        CustomKeyStoreName: "xks",
        CustomKeyStoreType: "EXTERNAL_KEY_STORE",
        XksProxyUriEndpoint: "http://insecure",
        XksProxyAuthenticationCredential: { AccessKeyId: "lower", RawSecretAccessKey: "short-secret" },
      }),
    );
    expect(invalid.name).toBe("ValidationException");
    expect(invalid.message).toContain(
      "'xksProxyUriEndpoint' failed to satisfy constraint: Member must satisfy regular expression pattern: ^https://[a-zA-Z0-9.-]+$",
    );
    expect(invalid.message).toContain("Value at 'xksProxyAuthenticationCredential.rawSecretAccessKey' failed");
    expect(invalid.message).not.toContain("short-secret");
  });
});

describe("DescribeCustomKeyStores", () => {
  it("by id, by name, not both; unknown ones are CustomKeyStoreNotFoundException", async () => {
    const [store] = (await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "store-a" }))).CustomKeyStores!;
    expect(store?.CloudHsmClusterId).toBe(a.clusterId);
    const both = await rejection(
      service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "store-a", CustomKeyStoreId: store!.CustomKeyStoreId })),
    );
    expect(both.name).toBe("ValidationException");
    for (const filter of [{ CustomKeyStoreId: "cks-0123456789abcdef0" }, { CustomKeyStoreName: "nope" }]) {
      const e = await rejection(service.kms.send(new DescribeCustomKeyStoresCommand(filter)));
      expect(e.name).toBe("CustomKeyStoreNotFoundException");
    }
  });

  it("pages with Limit / Marker → NextMarker / Truncated, and refuses a marker it did not issue", async () => {
    // Fill the account up to 10 stores: 9 more clusters.
    const existing = await db().customKeyStore.count();
    pageClusters = await Promise.all(Array.from({ length: 10 - existing }, () => createCluster({ hsmAvailabilityZones: TWO_ZONES })));
    for (const [i, c] of pageClusters.entries()) await create(input(c, `page-${i}`));
    expect(await db().customKeyStore.count()).toBe(10);

    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const res = await service.kms.send(new DescribeCustomKeyStoresCommand({ Limit: 3, Marker: marker }));
      pages++;
      expect(res.CustomKeyStores!.length).toBeLessThanOrEqual(3);
      seen.push(...res.CustomKeyStores!.map((s) => s.CustomKeyStoreId!));
      expect(res.Truncated).toBe(res.NextMarker !== undefined);
      marker = res.NextMarker;
    } while (marker);
    expect(pages).toBe(4);
    const all = (await service.kms.send(new DescribeCustomKeyStoresCommand({}))).CustomKeyStores!.map((s) => s.CustomKeyStoreId);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(10);

    const bad = await rejection(service.kms.send(new DescribeCustomKeyStoresCommand({ Marker: "not-a-marker" })));
    expect(bad.name).toBe("InvalidMarkerException");
    const limit = await rejection(service.kms.send(new DescribeCustomKeyStoresCommand({ Limit: 0 })));
    expect(limit.message).toBe(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it("an 11th store is LimitExceededException", async () => {
    const e = await rejection(create(input(b, "eleventh")));
    expect(e.name).toBe("LimitExceededException");
    expect(e.message).toMatch(/maximum of 10 custom key stores/);
  });
});

describe("UpdateCustomKeyStore (DISCONNECTED)", () => {
  let storeA: string;
  beforeAll(async () => {
    storeA = (await describeOneByName("store-a")).CustomKeyStoreId!;
  });
  async function describeOneByName(name: string) {
    return (await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: name }))).CustomKeyStores![0]!;
  }
  const update = (params: Record<string, unknown>) =>
    service.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: storeA, ...params }));

  it("renames (a name in use is CustomKeyStoreNameInUseException) and tells KMS a new password", async () => {
    expect(await update({ NewCustomKeyStoreName: "store-a-renamed" })).toMatchObject({ $metadata: { httpStatusCode: 200 } });
    expect((await describeOne(storeA)).CustomKeyStoreName).toBe("store-a-renamed");
    const taken = await rejection(update({ NewCustomKeyStoreName: "page-0" }));
    expect(taken.name).toBe("CustomKeyStoreNameInUseException");
    await update({ NewCustomKeyStoreName: "store-a", KeyStorePassword: "Changed12345" });
    const row = await db().customKeyStore.findUniqueOrThrow({ where: { id: storeA } });
    expect(row.name).toBe("store-a");
    expect(row.keyStorePasswordSealed).not.toContain("Changed12345");
    await update({ KeyStorePassword: a.kmsuserPassword });
  });

  it("moves to a related cluster only: restored from its backup yes, unrelated no", async () => {
    const unrelated = await rejection(update({ CloudHsmClusterId: b.clusterId }));
    expect(unrelated.name).toBe("CloudHsmClusterNotRelatedException");
    const missing = await rejection(update({ CloudHsmClusterId: "cluster-bbbbbbbbbbb" }));
    expect(missing.name).toBe("CloudHsmClusterNotFoundException");
    await update({ CloudHsmClusterId: restoredFromA });
    expect((await describeOne(storeA)).CloudHsmClusterId).toBe(restoredFromA);
    await update({ CloudHsmClusterId: a.clusterId });
    expect((await describeOne(storeA)).CloudHsmClusterId).toBe(a.clusterId);
  });

  it("validates members; unknown stores are CustomKeyStoreNotFoundException; external members are refused", async () => {
    const short = await rejection(update({ KeyStorePassword: "short" }));
    expect(short.name).toBe("ValidationException");
    expect(short.message).not.toContain("short'");
    const unknown = await rejection(
      service.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: "cks-0123456789abcdef0", NewCustomKeyStoreName: "z" })),
    );
    expect(unknown.name).toBe("CustomKeyStoreNotFoundException");
    const xks = await rejection(update({ XksProxyConnectivity: "PUBLIC_ENDPOINT" }));
    expect(xks.name).toBe("ValidationException");
    const missingId = await rejection(service.kms.send(new UpdateCustomKeyStoreCommand({} as never)));
    expect(missingId.message).toBe(
      "1 validation error detected: Value null at 'customKeyStoreId' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe("DeleteCustomKeyStore", () => {
  it("refuses a store that holds keys (CustomKeyStoreHasCMKsException), then deletes it once empty", async () => {
    const store = (await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "page-0" }))).CustomKeyStores![0]!;
    const keyId = "0f3c1d2e-1111-4222-8333-944455556666";
    await db().kmsKey.create({
      data: {
        id: keyId,
        arn: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
        origin: "AWS_CLOUDHSM",
        state: "PendingDeletion",
        customKeyStoreId: store.CustomKeyStoreId,
        cloudHsmClusterId: store.CloudHsmClusterId,
        keyMaterialLabel: `arn:aws:kms:us-east-1:111122223333:key/${keyId}`,
        policy: "{}",
        createdByArn: "arn:aws:iam::111122223333:user/dave",
      },
    });
    const e = await rejection(service.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId })));
    expect(e.name).toBe("CustomKeyStoreHasCMKsException");
    expect(e.message).toContain("1 KMS key");

    await db().kmsKey.delete({ where: { id: keyId } });
    await service.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId }));
    const gone = await rejection(describeOne(store.CustomKeyStoreId!));
    expect(gone.name).toBe("CustomKeyStoreNotFoundException");
    const again = await rejection(service.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId })));
    expect(again.name).toBe("CustomKeyStoreNotFoundException");
    // Its cluster can back a new store now (and the 10-store quota has room again).
    expect(await create(input(pageClusters[0]!, "reuse"))).toMatch(/^cks-[0-9a-f]{17}$/);
  });
});
