// CreateKey's row on SQLite: the prepared INSERT on a connection of its own writes the row Prisma would
// (read back through Prisma, every column), moves the write counters the caches watch, and when another
// connection holds the write lock the row is written through Prisma once the lock is free, not lost.
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { sqliteFilePath } from "@/lib/server/platform/database-url.ts";
import { db } from "@/lib/server/platform/db.ts";
import { modelWriteGeneration } from "@/lib/server/platform/db-writes.ts";
import { writeIfUncontended } from "@/lib/server/platform/sqlite-uncontended-write.ts";
import { keyRowFields } from "@/test/key-rows.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { KMS_KEY_COLUMNS, insertKeyRow, isUniqueViolation, type NewKeyRow } from "./insert-key-row.ts";

useMigratedDataDir("insert-key-row");

const newKey = (overrides: Partial<NewKeyRow> = {}) => keyRowFields({ description: "orders", ...overrides });

/** The stored text of a key's DateTime columns, as SQLite holds them. */
function storedDates(id: string): { createdAt: string; updatedAt: string } {
  const file = new Database(sqliteFilePath(), { readonly: true });
  try {
    return file.prepare(`SELECT "createdAt", "updatedAt" FROM "KmsKey" WHERE "id" = ?`).get(id) as { createdAt: string; updatedAt: string };
  } finally {
    file.close();
  }
}

/** Another connection, on a thread, holds the write lock for `ms` once the promise resolves. */
async function holdWriteLock(ms: number): Promise<{ released: Promise<void> }> {
  const worker = new Worker(
    `const { workerData, parentPort } = require("node:worker_threads");
     const Database = require(workerData.module);
     const db = new Database(workerData.file);
     db.exec("BEGIN IMMEDIATE");
     parentPort.postMessage("locked");
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec("COMMIT");
     db.close();`,
    { eval: true, workerData: { module: require.resolve("better-sqlite3"), file: sqliteFilePath(), ms } },
  );
  await new Promise((resolve) => worker.once("message", resolve));
  return { released: new Promise((resolve) => worker.once("exit", () => resolve())) };
}

describe("insertKeyRow on SQLite", () => {
  it("writes the row Prisma writes: every column read back through Prisma equals what it returned, dates stored alike", async () => {
    const fields = newKey();
    const row = await insertKeyRow(fields, [
      { TagKey: "team", TagValue: "payments" },
      { TagKey: "env", TagValue: "prod" },
    ]);
    const readBack = await db().kmsKey.findUniqueOrThrow({ where: { id: fields.id }, include: { tags: true } });
    const { tags, ...columns } = readBack;
    expect(columns).toEqual(row);
    expect(Object.keys(columns).sort()).toEqual([...KMS_KEY_COLUMNS].sort());
    expect(tags.map((t) => [t.tagKey, t.tagValue]).sort()).toEqual([
      ["env", "prod"],
      ["team", "payments"],
    ]);

    // The same key written by Prisma stores its dates in the same form.
    const byPrisma = newKey();
    await db().kmsKey.create({ data: byPrisma });
    const ours = storedDates(fields.id);
    const prismas = storedDates(byPrisma.id);
    for (const stored of [ours, prismas]) expect(stored.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
    expect(ours.createdAt).toBe(ours.updatedAt);
  });

  it("names every column of the table (a column added by a migration fails here until the INSERT has it)", () => {
    const file = new Database(sqliteFilePath(), { readonly: true });
    const columns = (file.prepare(`PRAGMA table_info("KmsKey")`).all() as Array<{ name: string }>).map((c) => c.name);
    file.close();
    expect(columns).toEqual(KMS_KEY_COLUMNS);
  });

  it("moves the KmsKey write counter (and KeyTag's with tags), as a write through Prisma does", async () => {
    const before = { key: modelWriteGeneration(["KmsKey"]), tag: modelWriteGeneration(["KeyTag"]) };
    await insertKeyRow(newKey(), []);
    expect(modelWriteGeneration(["KmsKey"])).toBe(before.key + 2);
    expect(modelWriteGeneration(["KeyTag"])).toBe(before.tag);
    await insertKeyRow(newKey(), [{ TagKey: "a", TagValue: "b" }]);
    expect(modelWriteGeneration(["KmsKey"])).toBe(before.key + 4);
    expect(modelWriteGeneration(["KeyTag"])).toBe(before.tag + 2);
  });

  it("with the write lock held by another connection, writes through Prisma once it is free (nothing lost, nothing twice)", async () => {
    const lock = await holdWriteLock(400);
    // The connection of its own does not wait: it writes nothing and says so.
    expect(writeIfUncontended(() => true)).toBeUndefined();
    const fields = newKey();
    const started = performance.now();
    const row = await insertKeyRow(fields, [{ TagKey: "team", TagValue: "payments" }]);
    expect(performance.now() - started).toBeGreaterThan(150); // Prisma's write waited for the lock
    await lock.released;
    const readBack = await db().kmsKey.findUniqueOrThrow({ where: { id: fields.id }, include: { tags: true } });
    expect(readBack).toMatchObject({ ...row, tags: [{ keyId: fields.id, tagKey: "team", tagValue: "payments" }] });
    expect(await db().kmsKey.count({ where: { id: fields.id } })).toBe(1);
    // And once the lock is free, the connection of its own writes again.
    expect(writeIfUncontended(() => true)).toBe(true);
  });

  it("a duplicate is a unique violation either way, and leaves the first row and no half-written tags", async () => {
    const fields = newKey();
    await insertKeyRow(fields, []);
    const direct = await insertKeyRow(fields, [{ TagKey: "x", TagValue: "y" }]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUniqueViolation(direct)).toBe(true);
    const viaPrisma = await db()
      .kmsKey.create({ data: fields })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(viaPrisma)).toBe(true);
    expect(await db().keyTag.count({ where: { keyId: fields.id } })).toBe(0);
    expect(await db().kmsKey.findUniqueOrThrow({ where: { id: fields.id } })).toMatchObject({ description: "orders" });
  });
});
