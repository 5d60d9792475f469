// /api/aws as server.ts serves it (serveWireRequest on node:http), with its real dependencies: the
// operations registry, the DB-backed access-key lookup and the audit hook; the SDK talks to it over HTTP.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DescribeCustomKeyStoresCommand, KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { seal } from "@/lib/server/platform/secrets/secret-box.ts";
import { rejection } from "@/test/sdk-failure.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { serveWireRequest } from "./wire-endpoint.ts";

useMigratedDataDir("wire-endpoint");
process.env.KEYHOLD_BACKEND = "local";
process.env.KEYHOLD_REGION = "us-east-1";

let ORIGIN = "";
const ACTIVE = { accessKeyId: "AKIAROUTETESTACTIVE2", secretAccessKey: "route/test+secret/0123456789abcdefghijklm" };
const INACTIVE = { accessKeyId: "AKIAROUTETESTINACTV3", secretAccessKey: "route/test+secret/inactive-0123456789abcd" };

const server = http.createServer((req, res) => void serveWireRequest(req, res));
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ORIGIN = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await db().user.create({ data: { id: "u-carol", name: "carol", passwordHash: "x" } });
  for (const [key, status] of [
    [ACTIVE, "Active"],
    [INACTIVE, "Inactive"],
  ] as const) {
    await db().accessKey.create({
      data: { id: key.accessKeyId, userId: "u-carol", status, secretSealed: seal(key.secretAccessKey, `access-key:${key.accessKeyId}`) },
    });
  }
});

function client(credentials: { accessKeyId: string; secretAccessKey: string }) {
  return new KMSClient({ endpoint: `${ORIGIN}/api/aws`, region: "us-east-1", credentials, maxAttempts: 1 });
}
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the /api/aws wire endpoint", () => {
  it("verifies a DB access key (signed path /api/aws) and dispatches to the real registry", async () => {
    const res = await client(ACTIVE).send(new DescribeCustomKeyStoresCommand({}));
    expect(res.CustomKeyStores).toEqual([]);
    expect(res.$metadata.httpStatusCode).toBe(200);
    expect(res.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const e = await rejection(client(ACTIVE).send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "nope" })));
    expect(e.name).toBe("CustomKeyStoreNotFoundException");
    expect(e.$metadata.httpStatusCode).toBe(400);
    // The endpoint's dependencies include the audit hook: both requests are recorded, as carol.
    await flushAuditEvents();
    const rows = await db().auditEvent.findMany({ where: { requestId: { in: [res.$metadata.requestId!, e.$metadata.requestId] } } });
    expect(rows.map((r) => [r.eventName, r.principalArn, r.errorCode]).sort()).toEqual([
      ["DescribeCustomKeyStores", "arn:aws:iam::111122223333:user/carol", null],
      ["DescribeCustomKeyStores", "arn:aws:iam::111122223333:user/carol", "CustomKeyStoreNotFoundException"],
    ]);
    // The lookup records use without delaying the request.
    await expect
      .poll(async () => (await db().accessKey.findUnique({ where: { id: ACTIVE.accessKeyId } }))?.lastUsedAt)
      .toBeInstanceOf(Date);
  });

  it("refuses a wrong secret and an inactive key", async () => {
    const wrong = await rejection(client({ ...ACTIVE, secretAccessKey: "wrong" }).send(new ListKeysCommand({})));
    expect(wrong.name).toBe("InvalidSignatureException");
    const inactive = await rejection(client(INACTIVE).send(new ListKeysCommand({})));
    expect(inactive.name).toBe("UnrecognizedClientException");
  });

  it("answers GET with the AWS-style wrong-method error", async () => {
    const res = await fetch(`${ORIGIN}/api/aws`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toMatchObject({ __type: "UnknownOperationException" });
  });

  it("refuses a body over the limit with 413 before verifying it", async () => {
    const res = await fetch(`${ORIGIN}/api/aws`, { method: "POST", body: new Uint8Array(1024 * 1024 + 10).fill(0x20) });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ __type: "RequestEntityTooLargeException" });
  });
});
