import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { recordAuditEvent } from "./record-audit-event.ts";
import { pruneAuditEvents, startAuditRetention } from "./audit-retention.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("audit-retention");

const DAY = 24 * 60 * 60_000;

async function seed(ageDays: number[], eventName: string) {
  for (const [i, age] of ageDays.entries()) {
    await recordAuditEvent({ eventSource: "test", eventName, requestId: `${eventName}-${i}`, time: new Date(Date.now() - age * DAY) });
  }
}

describe("audit retention", () => {
  it("deletes the events older than the retention, keeps the others", async () => {
    await seed([0, 1, 29.9, 30.1, 45, 400], "Pruned");
    expect(await pruneAuditEvents({ days: 30 })).toBe(3);
    const left = await db().auditEvent.findMany({ where: { eventName: "Pruned" }, orderBy: { time: "desc" } });
    expect(left.map((r) => r.requestId)).toEqual(["Pruned-0", "Pruned-1", "Pruned-2"]);
  });

  it("runs in the background with KEYHOLD_AUDIT_RETENTION_DAYS (90) and stops when told", async () => {
    await seed([89, 91], "Background");
    const loop = startAuditRetention({ firstRunMs: 10, intervalMs: 60_000 });
    await expect.poll(() => db().auditEvent.count({ where: { eventName: "Background" } })).toBe(1);
    await loop.stop();
  });
});
