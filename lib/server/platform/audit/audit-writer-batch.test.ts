// The batched writer's SQLite thread writes rows that Prisma reads back exactly as if Prisma had
// written them (times and range queries on them, nulls, text), and waits out a transaction that holds
// the database's write lock instead of failing or blocking the event loop.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { enqueueAuditEvent, flushAuditEvents } from "./audit-writer.ts";
import { recordAuditEvent } from "./record-audit-event.ts";

useMigratedDataDir("audit-writer-batch");

describe("batched audit rows", () => {
  it("read back through Prisma like rows Prisma wrote", async () => {
    const time = new Date("2026-03-01T10:00:00.123Z");
    enqueueAuditEvent({
      time,
      eventSource: "kms.amazonaws.com",
      eventName: "Encrypt",
      requestId: "req-batched",
      requestParameters: { keyId: 'ключ "quoted" \\ and 🙂' },
      errorMessage: null,
    });
    await recordAuditEvent({
      time: new Date(time.getTime() + 1),
      eventSource: "keyhold.console",
      eventName: "Other",
      requestId: "req-prisma",
    });
    await flushAuditEvents();

    const row = await db().auditEvent.findFirstOrThrow({ where: { requestId: "req-batched" } });
    expect(row).toMatchObject({
      time,
      eventSource: "kms.amazonaws.com",
      eventName: "Encrypt",
      principalArn: null,
      accessKeyId: null,
      errorCode: null,
      errorMessage: null,
      resources: null,
      requestParameters: JSON.stringify({ keyId: 'ключ "quoted" \\ and 🙂' }),
    });
    const inRange = await db().auditEvent.findMany({ where: { time: { gte: time } }, orderBy: { time: "asc" } });
    expect(inRange.map((r) => r.requestId)).toEqual(["req-batched", "req-prisma"]);
  });

  it("keeps a batch's order and writes every row", async () => {
    for (let i = 0; i < 1500; i++) enqueueAuditEvent({ eventSource: "kms.amazonaws.com", eventName: "Decrypt", requestId: `bulk-${i}` });
    await flushAuditEvents();
    expect(await db().auditEvent.count({ where: { requestId: { startsWith: "bulk-" } } })).toBe(1500);
  });

  it("writes a durable event once a transaction holding the write lock commits, the event loop free meanwhile", async () => {
    let written = false;
    let ticks = 0;
    await db().$transaction(async (tx) => {
      await tx.setting.upsert({ where: { key: "test.lock" }, create: { key: "test.lock", value: "1" }, update: { value: "2" } });
      // The transaction now holds SQLite's write lock: the durable event's batch must wait for it.
      void enqueueAuditEvent(
        { eventSource: "kms.amazonaws.com", eventName: "CreateKey", requestId: "durable-locked" },
        { durable: true },
      )!.then(() => (written = true));
      const until = Date.now() + 300;
      while (Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        ticks++;
      }
      expect(written).toBe(false);
    });
    await flushAuditEvents();
    await expect.poll(() => written).toBe(true);
    // The event loop ran throughout (a busy wait on the main thread would have stalled these timers).
    expect(ticks).toBeGreaterThan(10);
    expect(await db().auditEvent.count({ where: { requestId: "durable-locked" } })).toBe(1);
  });
});
