import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { startAuditRetention } from "./audit-retention.ts";
import { auditRetentionDays } from "./audit-retention-setting.ts";
import { recordAuditEvent } from "./record-audit-event.ts";
import { setAuditRetention } from "./set-audit-retention.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("audit-retention-setting");

const DAY = 24 * 60 * 60_000;
const actor = { principalArn: "arn:aws:iam::111122223333:user/admin", sourceIp: "10.0.0.7", requestId: "set-retention-1" };

async function seed(ageDays: number[], eventName: string) {
  for (const [i, age] of ageDays.entries()) {
    await recordAuditEvent({ eventSource: "test", eventName, requestId: `${eventName}-${i}`, time: new Date(Date.now() - age * DAY) });
  }
}

describe("the audit retention setting", () => {
  it("defaults to KEYHOLD_AUDIT_RETENTION_DAYS, is stored and audited when set, and prunes at once", async () => {
    expect(await auditRetentionDays()).toBe(90);
    await seed([1, 9, 11, 60], "Aged");

    expect(await setAuditRetention({ days: 10, actor })).toEqual({ prunedEvents: 2 });
    expect(await auditRetentionDays()).toBe(10);
    const left = await db().auditEvent.findMany({ where: { eventName: "Aged" }, orderBy: { requestId: "asc" } });
    expect(left.map((e) => e.requestId)).toEqual(["Aged-0", "Aged-1"]);
    const audited = await db().auditEvent.findFirstOrThrow({ where: { eventName: "UpdateAuditRetention" } });
    expect(audited).toMatchObject({
      principalArn: actor.principalArn,
      sourceIp: actor.sourceIp,
      requestId: actor.requestId,
      errorCode: null,
    });
    expect(JSON.parse(audited.requestParameters!)).toEqual({ retentionDays: 10, previousRetentionDays: 90 });
  });

  it("refuses values out of bounds with a clear error and keeps the old value", async () => {
    for (const [days, message] of [
      [0, "Keep events for at least 1 day."],
      [36_501, "Keep events for at most 36,500 days (100 years)."],
      [2.5, "Enter a whole number of days."],
    ] as const) {
      await expect(setAuditRetention({ days })).rejects.toMatchObject({
        code: "ValidationException",
        safeMessage: message,
        fields: { auditRetentionDays: message },
      });
    }
    expect(await auditRetentionDays()).toBe(10);
  });

  it("is what the background pruning uses", async () => {
    await setAuditRetention({ days: 3 });
    await seed([2, 4], "Background");
    const loop = startAuditRetention({ firstRunMs: 10, intervalMs: 60_000 });
    await expect.poll(() => db().auditEvent.count({ where: { eventName: "Background" } })).toBe(1);
    await loop.stop();
  });
});
