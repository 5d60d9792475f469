// The local backend's SDK clients, answered in-process: the real @aws-sdk/client-kms (3.1164, @smithy)
// and @aws-sdk/client-cloudhsm-v2 (3.332, @aws-sdk/protocol-http) sign their requests, and the local
// service verifies those same signatures and bytes as it does over HTTP.
process.env.KEYHOLD_BACKEND = "local";

import { describe, expect, it } from "vitest";
import {
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateRandomCommand,
  GetKeyPolicyCommand,
  KMSInternalException,
  ListKeysCommand,
  NotFoundException,
  ScheduleKeyDeletionCommand,
} from "@aws-sdk/client-kms";
import {
  CloudHsmInternalFailureException,
  CloudHsmResourceNotFoundException,
  DescribeBackupsCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import { AppError } from "@/lib/server/platform/errors.ts";
import { ALICE, CLUSTER_CREATED, KEY_ARN, testOperations, testService } from "@/test/local-kms-test-service.ts";
import { rejection } from "@/test/sdk-failure.ts";
import { cloudHsmClient } from "./cloudhsm-client.ts";
import { kmsClient } from "./kms-client.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("kmsClient (local backend, in-process)", () => {
  it("signs as the console user; the service verifies it and sees the caller", async () => {
    const service = testService();
    const client = kmsClient({ credentials: ALICE, localDeps: service.deps, sourceIp: "203.0.113.7" });
    const out = await client.send(new GenerateRandomCommand({ NumberOfBytes: 24 }));
    expect(out.Plaintext).toHaveLength(24);
    expect(out.$metadata.requestId).toMatch(UUID);
    expect(service.seen[0]).toMatchObject({
      userName: "alice",
      principalArn: "arn:aws:iam::111122223333:user/alice",
      accessKeyId: ALICE.accessKeyId,
      sourceIp: "203.0.113.7",
      requestId: out.$metadata.requestId,
    });
    expect(service.seen[0]!.userAgent).toContain("aws-sdk-js");
  });

  it("round-trips blobs and timestamps", async () => {
    const client = kmsClient({ credentials: ALICE, localDeps: testService().deps });
    const plaintext = new Uint8Array(300).map((_, i) => (i * 7) % 256);
    const enc = await client.send(new EncryptCommand({ KeyId: KEY_ARN, Plaintext: plaintext }));
    const dec = await client.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(plaintext));
    const sched = await client.send(new ScheduleKeyDeletionCommand({ KeyId: KEY_ARN }));
    expect(sched.DeletionDate).toEqual(new Date("2030-01-07T00:00:00.500Z"));
  });

  it("gives typed exceptions with message and request id", async () => {
    const client = kmsClient({ credentials: ALICE, localDeps: testService().deps });
    const e = await rejection(client.send(new DescribeKeyCommand({ KeyId: "alias/none" })));
    expect(e).toBeInstanceOf(NotFoundException);
    expect(e.message).toBe("Key 'alias/none' does not exist");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$metadata.requestId).toMatch(UUID);
  });

  it("maps an AppError with a KMS error name to that error, with status 400 on the wire", async () => {
    const service = testService({
      operations: {
        "kms:DescribeKey": async () => {
          throw new AppError({
            code: "NotFoundException",
            safeMessage: "Key 'k' does not exist",
            internalMessage: "row k missing",
          });
        },
      },
    });
    const e = await rejection(kmsClient({ credentials: ALICE, localDeps: service.deps }).send(new DescribeKeyCommand({ KeyId: "k" })));
    expect(e).toBeInstanceOf(NotFoundException);
    expect(e.message).toBe("Key 'k' does not exist");
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it("refuses a wrong secret exactly as over HTTP", async () => {
    const service = testService();
    const client = kmsClient({ credentials: { ...ALICE, secretAccessKey: "wrong" }, localDeps: service.deps });
    const e = await rejection(client.send(new ListKeysCommand({})));
    expect(e.name).toBe("InvalidSignatureException");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(service.completed[0]).toMatchObject({ authenticated: false, errorCode: "InvalidSignatureException" });
  });

  it("retries a server fault and then reports KMSInternalException without details", async () => {
    const service = testService();
    const e = await rejection(kmsClient({ credentials: ALICE, localDeps: service.deps }).send(new GetKeyPolicyCommand({ KeyId: KEY_ARN })));
    expect(e).toBeInstanceOf(KMSInternalException);
    expect(e.$metadata.httpStatusCode).toBe(500);
    expect(e.$metadata.attempts).toBe(3);
    expect(e.message).not.toContain("hunter2");
  });

  it("passes the Date header, so the SDK corrects a skewed clock and retries", async () => {
    const client = kmsClient({ credentials: ALICE, localDeps: testService().deps });
    client.config.systemClockOffset = -30 * 60_000;
    const out = await client.send(new ListKeysCommand({}));
    expect(out.$metadata.attempts).toBe(2);
  });

  it("needs the console user's credentials", () => {
    expect(() => kmsClient({ localDeps: testService().deps })).toThrow(/access key/);
  });
});

describe("cloudHsmClient (local backend, in-process, SDK 3.332)", () => {
  it("runs DescribeClusters", async () => {
    const service = testService();
    const out = await cloudHsmClient({ credentials: ALICE, localDeps: service.deps }).send(new DescribeClustersCommand({}));
    expect(out.Clusters?.[0]?.ClusterId).toBe("cluster-jxhlf7644ne");
    expect(out.Clusters?.[0]?.CreateTimestamp).toEqual(CLUSTER_CREATED);
    expect(out.$metadata.requestId).toMatch(UUID);
    expect(service.completed[0]).toMatchObject({ operation: "cloudhsm:DescribeClusters", ctx: { userName: "alice" } });
  });

  it("gives the typed CloudHSM exception with its Message", async () => {
    const e = await rejection(cloudHsmClient({ credentials: ALICE, localDeps: testService().deps }).send(new DescribeBackupsCommand({})));
    expect(e).toBeInstanceOf(CloudHsmResourceNotFoundException);
    expect(e.Message ?? e.message).toBe("Backup backup-xyz not found.");
    expect(e.$metadata.requestId).toMatch(UUID);
  });

  it("reports an unexpected failure as CloudHsmInternalFailureException", async () => {
    const service = testService({
      operations: {
        ...testOperations(),
        "cloudhsm:DescribeClusters": async () => {
          throw new TypeError("cannot read properties of undefined (reading 'pin')");
        },
      },
    });
    const e = await rejection(cloudHsmClient({ credentials: ALICE, localDeps: service.deps }).send(new DescribeClustersCommand({})));
    expect(e).toBeInstanceOf(CloudHsmInternalFailureException);
    expect(e.$metadata.httpStatusCode).toBe(500);
    expect(JSON.stringify(e)).not.toContain("pin");
  });

  it("refuses a wrong secret", async () => {
    const client = cloudHsmClient({ credentials: { ...ALICE, secretAccessKey: "nope" }, localDeps: testService().deps });
    const e = await rejection(client.send(new DescribeClustersCommand({})));
    expect(e.name).toBe("InvalidSignatureException");
  });
});
