// The wire layer over real HTTP, driven by the real SDK clients (@aws-sdk/client-kms 3.1164 and
// @aws-sdk/client-cloudhsm-v2 3.332) and by Debian's AWS CLI v2. Nothing of the SDKs is mocked:
// where a test needs a broken request it edits the SDK's own request in a middleware.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DecryptCommand,
  DescribeKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  GenerateRandomCommand,
  GetKeyPolicyCommand,
  KMSClient,
  KMSInternalException,
  ListKeysCommand,
  NotFoundException,
  ScheduleKeyDeletionCommand,
} from "@aws-sdk/client-kms";
import {
  CloudHSMV2Client,
  CloudHsmResourceNotFoundException,
  DescribeBackupsCommand,
  DescribeClustersCommand,
} from "@aws-sdk/client-cloudhsm-v2";
import {
  ALICE,
  CLUSTER_CREATED,
  KEY_ARN,
  REGION,
  startHttpServer,
  testService,
  type RunningServer,
  type TestService,
} from "@/test/local-kms-test-service.ts";
import { haveAwsCli, useAwsCli } from "@/test/aws-cli.ts";
import { rejection } from "@/test/sdk-failure.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let service: TestService;
let server: RunningServer;

beforeAll(async () => {
  service = testService();
  server = await startHttpServer(service.deps);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  service.completed.length = 0;
  service.seen.length = 0;
});

type Credentials = { accessKeyId: string; secretAccessKey: string };

function kms(opts: { credentials?: Credentials; region?: string; maxAttempts?: number; systemClockOffset?: number } = {}) {
  return new KMSClient({
    endpoint: server.url,
    region: opts.region ?? REGION,
    credentials: opts.credentials ?? ALICE,
    maxAttempts: opts.maxAttempts ?? 1,
    systemClockOffset: opts.systemClockOffset,
  });
}

function hsm(opts: { credentials?: Credentials; maxAttempts?: number } = {}) {
  return new CloudHSMV2Client({
    endpoint: server.url,
    region: REGION,
    credentials: opts.credentials ?? ALICE,
    maxAttempts: opts.maxAttempts ?? 1,
  });
}

type MutableRequest = { headers: Record<string, string>; body?: unknown };
type Stack = { middlewareStack: { add: Function; addRelativeTo: Function } };

/** Edits the request before it is signed (so the signature covers the edit). */
function beforeSigning(client: Stack, edit: (req: MutableRequest) => void): void {
  client.middlewareStack.add(
    (next: (a: { request: MutableRequest }) => unknown) => (args: { request: MutableRequest }) => {
      edit(args.request);
      return next(args);
    },
    { step: "build", priority: "high", name: "testEditBeforeSigning" },
  );
}

/** Edits the request after it is signed (so the signature no longer covers it). */
function afterSigning(client: Stack, edit: (req: MutableRequest) => void): void {
  client.middlewareStack.addRelativeTo(
    (next: (a: { request: MutableRequest }) => unknown) => (args: { request: MutableRequest }) => {
      edit(args.request);
      return next(args);
    },
    { relation: "after", toMiddleware: "awsAuthMiddleware", name: "testEditAfterSigning" },
  );
}

describe("KMS over HTTP with @aws-sdk/client-kms", () => {
  it("runs an operation and reports the caller to it and to the audit hook", async () => {
    const out = await kms().send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
    expect(out.Plaintext).toBeInstanceOf(Uint8Array);
    expect(out.Plaintext).toHaveLength(32);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(UUID);

    const ctx = service.seen[0]!;
    expect(ctx).toMatchObject({
      principalArn: "arn:aws:iam::111122223333:user/alice",
      userName: "alice",
      accessKeyId: ALICE.accessKeyId,
      region: REGION,
      accountId: "111122223333",
      sourceIp: "127.0.0.1",
      requestId: out.$metadata.requestId,
    });
    expect(ctx.userAgent).toContain("aws-sdk-js");

    expect(service.completed).toHaveLength(1);
    expect(service.completed[0]).toMatchObject({
      authenticated: true,
      service: "kms",
      operation: "kms:GenerateRandom",
      input: { NumberOfBytes: 32 },
      status: 200,
    });
    expect(service.completed[0]!.errorCode).toBeUndefined();
  });

  it("round-trips blobs as base64, and every byte value survives", async () => {
    const client = kms();
    const plaintext = new Uint8Array(256).map((_, i) => i);
    const enc = await client.send(new EncryptCommand({ KeyId: KEY_ARN, Plaintext: plaintext }));
    expect(Buffer.from(enc.CiphertextBlob!).subarray(0, 4).toString()).toBe("kh1:");
    const dec = await client.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext!)).toEqual(Buffer.from(plaintext));
    expect(dec.KeyId).toBe(KEY_ARN);
  });

  it("sends timestamps as epoch seconds the SDK turns into Dates, lists, and {} for no output", async () => {
    const client = kms();
    const sched = await client.send(new ScheduleKeyDeletionCommand({ KeyId: KEY_ARN, PendingWindowInDays: 7 }));
    expect(sched.DeletionDate).toEqual(new Date("2030-01-07T00:00:00.500Z"));
    const list = await client.send(new ListKeysCommand({}));
    expect(list.Keys).toEqual([{ KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", KeyArn: KEY_ARN }]);
    expect(list.Truncated).toBe(false);
    const enabled = await client.send(new EnableKeyCommand({ KeyId: KEY_ARN }));
    expect(enabled.$metadata.httpStatusCode).toBe(200);
  });

  it("turns a modelled error into the SDK's typed exception, with message and request id", async () => {
    const e = await rejection(kms().send(new DescribeKeyCommand({ KeyId: "alias/nope" })));
    expect(e).toBeInstanceOf(NotFoundException);
    expect(e.name).toBe("NotFoundException");
    expect(e.message).toBe("Key 'alias/nope' does not exist");
    expect(e.$fault).toBe("client");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$metadata.requestId).toMatch(UUID);
    expect(service.completed.at(-1)).toMatchObject({
      operation: "kms:DescribeKey",
      errorCode: "NotFoundException",
      errorMessage: "Key 'alias/nope' does not exist",
      status: 400,
    });
  });

  it("answers an unmodelled validation error by name", async () => {
    const e = await rejection(kms().send(new GenerateRandomCommand({ NumberOfBytes: 1025 })));
    expect(e.name).toBe("ValidationException");
    expect(e.message).toContain("Member must have value less than or equal to 1024");
  });

  it("hides an unexpected failure behind KMSInternalException 500", async () => {
    const e = await rejection(kms().send(new GetKeyPolicyCommand({ KeyId: KEY_ARN, PolicyName: "default" })));
    expect(e).toBeInstanceOf(KMSInternalException);
    expect(e.$fault).toBe("server");
    expect(e.$metadata.httpStatusCode).toBe(500);
    expect(e.message).not.toMatch(/hunter2|db\.ts/);
  });

  it("refuses a wrong secret with InvalidSignatureException", async () => {
    const client = kms({ credentials: { accessKeyId: ALICE.accessKeyId, secretAccessKey: "not-the-secret" } });
    const e = await rejection(client.send(new GenerateRandomCommand({ NumberOfBytes: 8 })));
    expect(e.name).toBe("InvalidSignatureException");
    expect(e.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$metadata.requestId).toMatch(UUID);
    expect(service.seen).toHaveLength(0);
    expect(service.completed.at(-1)).toMatchObject({
      authenticated: false,
      errorCode: "InvalidSignatureException",
      ctx: { accessKeyId: ALICE.accessKeyId },
    });
    expect(service.completed.at(-1)!.ctx.principalArn).toBeUndefined();
  });

  it("refuses an unknown access key with UnrecognizedClientException", async () => {
    const client = kms({ credentials: { accessKeyId: "AKIAUNKNOWNEXAMPLE77", secretAccessKey: "x" } });
    const e = await rejection(client.send(new ListKeysCommand({})));
    expect(e.name).toBe("UnrecognizedClientException");
    expect(e.message).toBe("The security token included in the request is invalid.");
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it("refuses an unsigned request with MissingAuthenticationTokenException", async () => {
    const client = kms();
    afterSigning(client, (req) => {
      for (const h of Object.keys(req.headers)) if (/^(authorization|x-amz-date)$/i.test(h)) delete req.headers[h];
    });
    const e = await rejection(client.send(new ListKeysCommand({})));
    expect(e.name).toBe("MissingAuthenticationTokenException");
    expect(e.message).toBe("Request is missing Authentication Token");
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it("refuses a request signed 20 minutes in the past, then the SDK corrects its clock from Date and succeeds", async () => {
    const e = await rejection(kms({ systemClockOffset: -20 * 60_000 }).send(new ListKeysCommand({})));
    expect(e.name).toBe("InvalidSignatureException");
    expect(e.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);

    const retrying = kms({ systemClockOffset: -20 * 60_000, maxAttempts: 2 });
    const out = await retrying.send(new ListKeysCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    expect(Math.abs(retrying.config.systemClockOffset ?? 0)).toBeLessThan(60_000);
  });

  it("refuses a request signed 20 minutes in the future", async () => {
    const e = await rejection(kms({ systemClockOffset: 20 * 60_000 }).send(new ListKeysCommand({})));
    expect(e.name).toBe("InvalidSignatureException");
    expect(e.message).toMatch(/^Signature not yet current: .* is still later than .* \(.* \+ 15 min\.\)$/);
  });

  it("refuses a signature scoped to another Region", async () => {
    const e = await rejection(kms({ region: "eu-west-1" }).send(new ListKeysCommand({})));
    expect(e.name).toBe("InvalidSignatureException");
    expect(e.message).toBe("Credential should be scoped to a valid region, not 'eu-west-1'. This endpoint serves 'us-east-1'.");
  });

  it("refuses a body changed after signing", async () => {
    const client = kms();
    afterSigning(client, (req) => {
      // The SDK serializes to bytes; keep the length so Content-Length (signed) still holds.
      const body =
        req.body instanceof Uint8Array
          ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength).toString("utf8")
          : String(req.body);
      req.body = body.replace('"NumberOfBytes":16', '"NumberOfBytes":17');
      expect(req.body).not.toBe(body);
    });
    const e = await rejection(client.send(new GenerateRandomCommand({ NumberOfBytes: 16 })));
    expect(e.name).toBe("InvalidSignatureException");
    expect(service.seen).toHaveLength(0);
  });

  it("answers an unknown X-Amz-Target with UnknownOperationException", async () => {
    const client = kms();
    beforeSigning(client, (req) => {
      req.headers["x-amz-target"] = "TrentService.NoSuchOperation";
    });
    const e = await rejection(client.send(new ListKeysCommand({})));
    expect(e.name).toBe("UnknownOperationException");
    expect(e.message).toBe("Unknown operation TrentService.NoSuchOperation.");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(service.completed.at(-1)).toMatchObject({ authenticated: true, operation: "kms:NoSuchOperation" });
  });

  it("answers a body that is not JSON with SerializationException", async () => {
    const client = kms();
    beforeSigning(client, (req) => {
      req.body = '{"NumberOfBytes": 16';
    });
    const e = await rejection(client.send(new GenerateRandomCommand({ NumberOfBytes: 16 })));
    expect(e.name).toBe("SerializationException");
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it("answers a wrong Content-Type with UnknownOperationException", async () => {
    const client = kms();
    beforeSigning(client, (req) => {
      req.headers["content-type"] = "application/json";
    });
    const e = await rejection(client.send(new ListKeysCommand({})));
    expect(e.name).toBe("UnknownOperationException");
    expect(e.message).toBe("Content-Type must be application/x-amz-json-1.1, not 'application/json'.");
  });

  it("signs header values with odd whitespace the way the SDK does", async () => {
    const client = kms();
    beforeSigning(client, (req) => {
      req.headers["x-amz-meta-spacing"] = '  a   b \t c  "d   e"  ';
    });
    const out = await client.send(new ListKeysCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
  });
});

describe("CloudHSM v2 over HTTP with @aws-sdk/client-cloudhsm-v2 3.332", () => {
  it("runs DescribeClusters signed for 'cloudhsm', timestamps parsed to Dates", async () => {
    const out = await hsm().send(new DescribeClustersCommand({}));
    expect(out.Clusters?.[0]).toMatchObject({ ClusterId: "cluster-jxhlf7644ne", State: "ACTIVE" });
    expect(out.Clusters?.[0]?.CreateTimestamp).toEqual(CLUSTER_CREATED);
    expect(out.$metadata.requestId).toMatch(UUID);
    expect(service.completed.at(-1)).toMatchObject({ service: "cloudhsm", operation: "cloudhsm:DescribeClusters" });
  });

  it("turns CloudHsmResourceNotFoundException (Message member) into the typed exception", async () => {
    const e = await rejection(hsm().send(new DescribeBackupsCommand({})));
    expect(e).toBeInstanceOf(CloudHsmResourceNotFoundException);
    expect(e.Message ?? e.message).toBe("Backup backup-xyz not found.");
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.$metadata.requestId).toMatch(UUID);
  });

  it("refuses a wrong secret with InvalidSignatureException", async () => {
    const client = hsm({ credentials: { accessKeyId: ALICE.accessKeyId, secretAccessKey: "wrong" } });
    const e = await rejection(client.send(new DescribeClustersCommand({})));
    expect(e.name).toBe("InvalidSignatureException");
    expect(e.$metadata.httpStatusCode).toBe(400);
  });

  it("refuses a request signed for KMS but sent to BaldrApiService", async () => {
    const client = kms();
    beforeSigning(client, (req) => {
      req.headers["x-amz-target"] = "BaldrApiService.DescribeClusters";
    });
    const e = await rejection(client.send(new ListKeysCommand({})));
    expect(e.name).toBe("InvalidSignatureException");
    expect(e.message).toBe("Credential should be scoped to correct service: 'cloudhsm'.");
  });
});

describe("raw HTTP", () => {
  it("answers GET with a 405 AWS-style error and a request id", async () => {
    const res = await fetch(server.url, { method: "GET" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.headers.get("x-amzn-requestid")).toMatch(UUID);
    expect(res.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(await res.json()).toEqual({
      __type: "UnknownOperationException",
      message: "GET is not supported: AWS JSON requests are POST with an X-Amz-Target header.",
    });
    expect(service.completed.at(-1)).toMatchObject({ status: 405, errorCode: "UnknownOperationException" });
  });

  it("answers an unsigned POST with MissingAuthenticationTokenException and a request id", async () => {
    const res = await fetch(server.url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "TrentService.ListKeys" },
      body: "{}",
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("x-amzn-requestid")).toMatch(UUID);
    expect(await res.json()).toEqual({
      __type: "MissingAuthenticationTokenException",
      message: "Request is missing Authentication Token",
    });
  });

  it("refuses a presigned (query-string) request", async () => {
    const res = await fetch(
      `${server.url}/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${ALICE.accessKeyId}%2F20240101%2Fus-east-1%2Fkms%2Faws4_request&X-Amz-Signature=00`,
      { method: "POST", headers: { "x-amz-target": "TrentService.ListKeys" }, body: "{}" },
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { __type: string; message: string };
    expect(body.__type).toBe("IncompleteSignatureException");
    expect(body.message).toMatch(/presigned URL\) authentication is not supported/);
  });
});

describe.skipIf(!haveAwsCli)("AWS CLI v2 (/usr/bin/aws)", () => {
  const cli = useAwsCli({ url: () => server.url, region: REGION, credentials: ALICE });

  it("aws kms generate-random --number-of-bytes 16", async () => {
    const { stdout } = await cli(["kms", "generate-random", "--number-of-bytes", "16"]);
    const out = JSON.parse(stdout) as { Plaintext: string };
    expect(Buffer.from(out.Plaintext, "base64")).toHaveLength(16);
    expect(service.seen.at(-1)?.userAgent).toMatch(/^aws-cli\/2\./);
  });

  it("aws cloudhsmv2 describe-clusters (signed for 'cloudhsm' by botocore)", async () => {
    const { stdout } = await cli(["cloudhsmv2", "describe-clusters"]);
    const out = JSON.parse(stdout) as { Clusters: { ClusterId: string; CreateTimestamp: unknown }[] };
    expect(out.Clusters[0]?.ClusterId).toBe("cluster-jxhlf7644ne");
  });

  it("shows the modelled error, and a wrong secret's InvalidSignatureException", async () => {
    const notFound = await rejection(cli(["kms", "describe-key", "--key-id", "alias/nope"]));
    expect(notFound.stderr).toContain(
      "An error occurred (NotFoundException) when calling the DescribeKey operation: Key 'alias/nope' does not exist",
    );

    const badSecret = await rejection(cli(["kms", "generate-random", "--number-of-bytes", "16"], { ...ALICE, secretAccessKey: "wrong" }));
    expect(badSecret.stderr).toContain("(InvalidSignatureException) when calling the GenerateRandom operation");
  });
});
