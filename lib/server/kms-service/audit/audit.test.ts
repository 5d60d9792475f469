// The audit hook of the local endpoint: every request, successful or not, signed or not, becomes an
// AuditEvent row, and no secret or plaintext ever reaches the database. Real service over HTTP.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CreateHsmCommand, DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { CreateCustomKeyStoreCommand, DescribeCustomKeyStoresCommand, KMSClient, UpdateCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { createCluster, type CreatedCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { db } from "@/lib/server/platform/db.ts";
import { flushAuditEvents, pendingAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { HIDDEN, redactRequestParameters } from "./redact-request-parameters.ts";
import { requestResources } from "./request-resources.ts";
import { flushRejectedRequests } from "./rejected-requests.ts";
import { CREDENTIALS, PRINCIPAL_ARN, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { rejection } from "@/test/sdk-failure.ts";

const PASSWORD = "KmsuserSecret4242";
const NEW_PASSWORD = "RotatedSecret7777";
const XKS_SECRET = "XksRawSecretAccessKey0123456789abcdefghijklmn";

const service = useLocalKms("audit");
let cluster: CreatedCluster;

async function rowFor(requestId: string | undefined) {
  await flushAuditEvents();
  const rows = await db().auditEvent.findMany({ where: { requestId: requestId! } });
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

beforeAll(async () => {
  cluster = await createCluster({ hsmAvailabilityZones: ["us-east-1a", "us-east-1b"], kmsuserPassword: PASSWORD });
});

describe("audit events of the local endpoint", () => {
  let storeId: string;

  it("records a successful KMS call: source, name, principal, address, agent, parameters, resources", async () => {
    const res = await service.kms.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: "audited",
        CloudHsmClusterId: cluster.clusterId,
        TrustAnchorCertificate: cluster.trustAnchorPem,
        KeyStorePassword: PASSWORD,
      }),
    );
    storeId = res.CustomKeyStoreId!;
    const row = await rowFor(res.$metadata.requestId);
    expect(row).toMatchObject({
      eventSource: "kms.amazonaws.com",
      eventName: "CreateCustomKeyStore",
      principalArn: PRINCIPAL_ARN,
      accessKeyId: CREDENTIALS.accessKeyId,
      sourceIp: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: expect.stringContaining("aws-sdk-js"),
      errorCode: null,
      errorMessage: null,
    });
    expect(row.time).toBeInstanceOf(Date);
    expect(JSON.parse(row.requestParameters!)).toEqual({
      CustomKeyStoreName: "audited",
      CloudHsmClusterId: cluster.clusterId,
      TrustAnchorCertificate: cluster.trustAnchorPem,
      KeyStorePassword: HIDDEN,
    });
    expect(JSON.parse(row.resources!)).toEqual([storeId, cluster.clusterId]);
  });

  it("records failures with the error code and message the caller got", async () => {
    const e = await rejection(
      service.kms.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: "audited",
          CloudHsmClusterId: cluster.clusterId,
          TrustAnchorCertificate: cluster.trustAnchorPem,
          KeyStorePassword: NEW_PASSWORD,
        }),
      ),
    );
    const row = await rowFor(e.$metadata.requestId);
    expect(row).toMatchObject({
      eventName: "CreateCustomKeyStore",
      errorCode: "CustomKeyStoreNameInUseException",
      errorMessage: e.message,
    });
    expect(JSON.parse(row.requestParameters!).KeyStorePassword).toBe(HIDDEN);

    const short = await rejection(
      service.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: storeId, KeyStorePassword: "abc1" })),
    );
    const shortRow = await rowFor(short.$metadata.requestId);
    expect(shortRow.errorCode).toBe("ValidationException");
    expect(shortRow.errorMessage).not.toContain("abc1");
  });

  it("records unauthenticated requests in aggregate, without a principal or parameters, with the access key tried", async () => {
    const forged = new KMSClient({
      endpoint: service.url,
      region: REGION,
      credentials: { accessKeyId: "AKIADAVELOCALKMS2345", secretAccessKey: "not-the-secret" },
      maxAttempts: 1,
    });
    const e = await rejection(forged.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "audited" })));
    expect(e.name).toBe("InvalidSignatureException");
    // One row per source address and window (rejected-requests.ts), written when the window closes.
    flushRejectedRequests();
    const row = await rowFor(e.$metadata.requestId);
    expect(row).toMatchObject({
      eventSource: "keyhold.local-endpoint",
      eventName: "RejectedRequests",
      principalArn: null,
      accessKeyId: "AKIADAVELOCALKMS2345",
      resources: null,
      errorCode: "InvalidSignatureException",
    });
    expect(JSON.parse(row.requestParameters!)).toMatchObject({ count: 1, operations: ["kms:DescribeCustomKeyStores"] });
  });

  it("records CloudHSM calls under cloudhsm.amazonaws.com with the cluster and HSM", async () => {
    const described = await service.cloudhsm.send(new DescribeClustersCommand({ Filters: { clusterIds: [cluster.clusterId] } }));
    const describedRow = await rowFor(described.$metadata.requestId);
    expect(describedRow).toMatchObject({ eventSource: "cloudhsm.amazonaws.com", eventName: "DescribeClusters" });
    expect(JSON.parse(describedRow.requestParameters!)).toEqual({ Filters: { clusterIds: [cluster.clusterId] } });

    const created = await service.cloudhsm.send(new CreateHsmCommand({ ClusterId: cluster.clusterId, AvailabilityZone: "us-east-1b" }));
    const row = await rowFor(created.$metadata.requestId);
    expect(JSON.parse(row.resources!)).toEqual([cluster.clusterId, created.Hsm!.HsmId]);
  });

  it("no secret reaches the database: not in any audit row, not anywhere in the database files", async () => {
    await service.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: storeId, KeyStorePassword: NEW_PASSWORD }));
    const xks = await rejection(
      service.kms.send(
        new CreateCustomKeyStoreCommand({
          CustomKeyStoreName: "xks",
          CustomKeyStoreType: "EXTERNAL_KEY_STORE",
          XksProxyConnectivity: "PUBLIC_ENDPOINT",
          XksProxyUriEndpoint: "https://xks.example.com",
          XksProxyUriPath: "/kms/xks/v1",
          XksProxyAuthenticationCredential: { AccessKeyId: "ABCDEFGHIJKLMNOPQRST", RawSecretAccessKey: XKS_SECRET },
        }),
      ),
    );
    const xksRow = await rowFor(xks.$metadata.requestId);
    expect(JSON.parse(xksRow.requestParameters!).XksProxyAuthenticationCredential).toEqual({
      AccessKeyId: "ABCDEFGHIJKLMNOPQRST",
      RawSecretAccessKey: HIDDEN,
    });

    await flushAuditEvents();
    const rows = await db().auditEvent.findMany();
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const text = JSON.stringify(rows);
    for (const secret of [PASSWORD, NEW_PASSWORD, XKS_SECRET, "abc1"]) expect(text).not.toContain(secret);

    await db()
      .$executeRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)")
      .catch(() => undefined);
    for (const file of fs.readdirSync(service.dir).filter((f) => f.startsWith("keyhold.db"))) {
      const bytes = fs.readFileSync(path.join(service.dir, file));
      for (const secret of [PASSWORD, NEW_PASSWORD, XKS_SECRET]) expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
  });

  it("every event lands: 200 concurrent requests, 200 rows; none left queued", async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: storeId }))),
    );
    await flushAuditEvents();
    expect(pendingAuditEvents()).toBe(0);
    const ids = results.map((r) => r.$metadata.requestId!);
    expect(await db().auditEvent.count({ where: { requestId: { in: ids } } })).toBe(200);
    expect(await db().auditEvent.count({ where: { requestId: { in: ids }, resources: JSON.stringify([storeId]) } })).toBe(200);
  });
});

describe("redactRequestParameters (explicit allow/deny list)", () => {
  it("hides plaintext, passwords and grant tokens, keeps only blob sizes, drops unknown members", () => {
    const out = redactRequestParameters({
      KeyId: "alias/app",
      Plaintext: Buffer.from("attack at dawn").toString("base64"),
      CiphertextBlob: Buffer.alloc(100, 7).toString("base64"),
      EncryptionContext: { purpose: "test" },
      GrantTokens: ["token-1"],
      KeyStorePassword: "hunter2hunter2",
      Recipient: { KeyEncryptionAlgorithm: "RSAES_OAEP_SHA_256", AttestationDocument: Buffer.alloc(10).toString("base64") },
      XksProxyAuthenticationCredential: { AccessKeyId: "ABCDEFGHIJKLMNOPQRST", RawSecretAccessKey: XKS_SECRET },
      SomethingNew: "might be secret",
      Description: "d".repeat(40_000),
    })!;
    expect(out).toMatchObject({
      KeyId: "alias/app",
      Plaintext: HIDDEN,
      CiphertextBlob: { sizeInBytes: 100 },
      EncryptionContext: { purpose: "test" },
      GrantTokens: HIDDEN,
      KeyStorePassword: HIDDEN,
      Recipient: { KeyEncryptionAlgorithm: "RSAES_OAEP_SHA_256", AttestationDocument: { sizeInBytes: 10 } },
      XksProxyAuthenticationCredential: { AccessKeyId: "ABCDEFGHIJKLMNOPQRST", RawSecretAccessKey: HIDDEN },
    });
    expect(out).not.toHaveProperty("SomethingNew");
    expect((out.Description as string).length).toBeLessThan(33_000);
    expect(JSON.stringify(out)).not.toMatch(/attack|hunter2|token-1|XksRawSecret/);
    expect(redactRequestParameters({})).toBeUndefined();
  });

  it("names resources: keys as ARNs, stores, clusters and HSMs by id", () => {
    const ctx = { region: "us-east-1", accountId: "111122223333" };
    expect(
      requestResources(
        { KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", DestinationKeyId: "alias/dest", CustomKeyStoreId: "cks-0123456789abcdef0" },
        { KeyMetadata: { Arn: "arn:aws:kms:us-east-1:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab" } },
        ctx,
      ),
    ).toEqual([
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      "arn:aws:kms:us-east-1:111122223333:alias/dest",
      "arn:aws:kms:us-east-1:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab",
      "cks-0123456789abcdef0",
    ]);
  });
});
