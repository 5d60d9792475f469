// db()'s write counters: every write of a model moves them (whatever code makes it), reads do not, and an
// update of columns no cache holds (AccessKey.lastUsedAt) does not.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";
import { modelWriteGeneration } from "./db-writes.ts";
import { createAccessKey } from "./identity/create-access-key.ts";
import { createUser } from "./identity/create-user.ts";

useMigratedDataDir("db-writes");

describe("model write counters", () => {
  it("move on writes of the model, not on reads, nor on lastUsedAt alone", async () => {
    const user = await createUser({ name: "counted", password: "long enough password" });
    const { accessKeyId } = await createAccessKey(user.id);
    const generation = () => modelWriteGeneration(["AccessKey"]);

    let g = generation();
    await db().accessKey.findMany();
    await db().user.update({ where: { id: user.id }, data: { role: "viewer" } });
    expect(generation()).toBe(g);
    expect(modelWriteGeneration(["User"])).not.toBe(0);

    await db().accessKey.updateMany({ where: { id: accessKeyId }, data: { lastUsedAt: new Date() } });
    expect(generation()).toBe(g);

    await db().accessKey.update({ where: { id: accessKeyId }, data: { status: "Inactive", lastUsedAt: new Date() } });
    expect(generation()).toBeGreaterThan(g);

    g = generation();
    await db().accessKey.deleteMany({ where: { id: accessKeyId } });
    expect(generation()).toBeGreaterThan(g);
  });

  it("move again once a transaction has committed (or rolled back), for every cache", async () => {
    const user = await createUser({ name: "transacted", password: "long enough password" });
    let during = 0;
    await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { role: "viewer" } });
      during = modelWriteGeneration(["User"]);
    });
    expect(modelWriteGeneration(["User"])).toBeGreaterThan(during);

    const kmsKeys = modelWriteGeneration(["KmsKey"]);
    await expect(
      db().$transaction(async () => {
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(modelWriteGeneration(["KmsKey"])).toBeGreaterThan(kmsKeys);

    const batch = modelWriteGeneration(["Setting"]);
    await db().$transaction([db().setting.findMany()]);
    expect(modelWriteGeneration(["Setting"])).toBeGreaterThan(batch);
  });
});
