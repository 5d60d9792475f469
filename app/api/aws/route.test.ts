// The wire route with its real dependencies: the operations registry and the DB-backed access-key
// lookup. The SDK's signed request is turned into a web Request (as Next hands it to the route).
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { DescribeCustomKeyStoresCommand, KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { seal } from "@/lib/server/platform/secrets/secret-box.ts";
import { rejection } from "@/test/sdk-failure.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { GET, POST } from "./route.ts";

useMigratedDataDir("route");
process.env.KEYHOLD_BACKEND = "local";
process.env.KEYHOLD_REGION = "us-east-1";

const ORIGIN = "http://127.0.0.1:3000";
const ACTIVE = { accessKeyId: "AKIAROUTETESTACTIVE2", secretAccessKey: "route/test+secret/0123456789abcdefghijklm" };
const INACTIVE = { accessKeyId: "AKIAROUTETESTINACTV3", secretAccessKey: "route/test+secret/inactive-0123456789abcd" };

beforeAll(async () => {
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

/** An SDK request handler that calls the route's POST with a web Request built from the signed request. */
const viaRoute = {
  async handle(request: { method: string; path: string; headers: Record<string, string>; body?: unknown }) {
    const body = request.body as Uint8Array | string;
    const res = await POST(
      new Request(`${ORIGIN}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: typeof body === "string" ? body : new Uint8Array(body.buffer, body.byteOffset, body.byteLength).slice(),
      }),
    );
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return {
      response: { statusCode: res.status, headers, body: Readable.from([Buffer.from(await res.arrayBuffer())], { objectMode: false }) },
    };
  },
};

function client(credentials: { accessKeyId: string; secretAccessKey: string }) {
  return new KMSClient({ endpoint: `${ORIGIN}/api/aws`, region: "us-east-1", credentials, requestHandler: viaRoute, maxAttempts: 1 });
}

describe("app/api/aws route", () => {
  it("verifies a DB access key (signed path /api/aws) and dispatches to the real registry", async () => {
    const res = await client(ACTIVE).send(new DescribeCustomKeyStoresCommand({}));
    expect(res.CustomKeyStores).toEqual([]);
    expect(res.$metadata.httpStatusCode).toBe(200);
    expect(res.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const e = await rejection(client(ACTIVE).send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: "nope" })));
    expect(e.name).toBe("CustomKeyStoreNotFoundException");
    expect(e.$metadata.httpStatusCode).toBe(400);
    // The route's dependencies include the audit hook: both requests are recorded, as carol.
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
    const res = await GET(new Request(`${ORIGIN}/api/aws`));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toMatchObject({ __type: "UnknownOperationException" });
  });

  it("refuses a body over the limit with 413 before verifying it", async () => {
    const res = await POST(new Request(`${ORIGIN}/api/aws`, { method: "POST", body: new Uint8Array(1024 * 1024 + 10).fill(0x20) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ __type: "RequestEntityTooLargeException" });
  });
});
