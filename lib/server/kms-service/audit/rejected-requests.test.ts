// Unauthenticated requests to the real local endpoint over HTTP: audited in aggregate (one row per
// source and window), and a source that sends too many is throttled; signed requests keep full rows.
import { describe, expect, it } from "vitest";
import { GenerateRandomCommand, KMSClient } from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { MAX_REJECTED, REJECTED_EVENT_NAME, flushRejectedRequests } from "./rejected-requests.ts";
import { REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { rejection } from "@/test/sdk-failure.ts";

const service = useLocalKms("rejected-requests");

async function unsignedPosts(count: number, concurrency = 50): Promise<Map<string, number>> {
  const codes = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) {
        const res = await fetch(service.url, {
          method: "POST",
          headers: { "x-amz-target": "TrentService.ListKeys", "user-agent": "U".repeat(2_000) },
          body: "x".repeat(2_000),
        });
        const code = ((await res.json()) as { __type: string }).__type;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
    }),
  );
  return codes;
}

describe("unauthenticated requests", () => {
  it("5,000 unsigned POSTs write one audit row, not 5,000, and the source is throttled after the limit", async () => {
    const before = await db().auditEvent.count();
    const codes = await unsignedPosts(5_000);
    expect(Object.fromEntries(codes)).toEqual({
      MissingAuthenticationTokenException: MAX_REJECTED,
      ThrottlingException: 5_000 - MAX_REJECTED,
    });
    // While the address is throttled, a correctly signed request from it (a caller behind the same NAT)
    // is still served; a wrong signature is still refused, and counted.
    const served = await service.kms.send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
    expect(served.Plaintext).toHaveLength(8);
    const forged = new KMSClient({
      endpoint: service.url,
      region: REGION,
      credentials: { accessKeyId: "AKIADAVELOCALKMS2345", secretAccessKey: "not-the-secret" },
      maxAttempts: 1,
    });
    expect((await rejection(forged.send(new GenerateRandomCommand({ NumberOfBytes: 8 })))).name).toBe("InvalidSignatureException");

    flushRejectedRequests();
    await flushAuditEvents();
    const rows = await db().auditEvent.findMany({ where: { time: { gte: new Date(Date.now() - 600_000) } }, skip: before });
    // One aggregate row for the 5,001 refusals, and the served signed request's own row.
    expect(rows.map((r) => r.eventName).sort()).toEqual(["GenerateRandom", REJECTED_EVENT_NAME]);
    const row = rows.find((r) => r.eventName === REJECTED_EVENT_NAME)!;
    expect(row).toMatchObject({
      eventName: REJECTED_EVENT_NAME,
      sourceIp: expect.stringMatching(/127\.0\.0\.1/),
      principalArn: null,
      errorCode: "ThrottlingException",
    });
    expect(row.userAgent!.length).toBeLessThanOrEqual(128);
    expect(JSON.parse(row.requestParameters!)).toMatchObject({
      count: 5_001,
      throttled: 5_000 - MAX_REJECTED,
      errorCodes: {
        MissingAuthenticationTokenException: MAX_REJECTED,
        ThrottlingException: 5_000 - MAX_REJECTED,
        InvalidSignatureException: 1,
      },
      operations: ["kms:ListKeys", "kms:GenerateRandom"],
    });
    expect(row.requestParameters!.length + (row.errorMessage?.length ?? 0)).toBeLessThan(1_000);
  });

  it("a new window lets the source in again; signed requests keep one full row each", async () => {
    const res = await service.kms.send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
    await flushAuditEvents();
    const row = await db().auditEvent.findFirstOrThrow({ where: { requestId: res.$metadata.requestId! } });
    expect(row).toMatchObject({ eventName: "GenerateRandom", principalArn: expect.stringMatching(/user\/dave$/), errorCode: null });
  });

  it("records the access key ids tried with a wrong secret, in the aggregate row", async () => {
    const forged = new KMSClient({
      endpoint: service.url,
      region: REGION,
      credentials: { accessKeyId: "AKIADAVELOCALKMS2345", secretAccessKey: "not-the-secret" },
      maxAttempts: 1,
    });
    const errors = await Promise.all(
      Array.from({ length: 3 }, () => rejection(forged.send(new GenerateRandomCommand({ NumberOfBytes: 8 })))),
    );
    expect(errors.every((e) => e.name === "InvalidSignatureException")).toBe(true);
    flushRejectedRequests();
    await flushAuditEvents();
    const rows = await db().auditEvent.findMany({ where: { eventName: REJECTED_EVENT_NAME, errorCode: "InvalidSignatureException" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ accessKeyId: "AKIADAVELOCALKMS2345", requestId: errors[0]!.$metadata.requestId });
    expect(JSON.parse(rows[0]!.requestParameters!)).toMatchObject({ count: 3, accessKeyIds: ["AKIADAVELOCALKMS2345"] });
  });
});
