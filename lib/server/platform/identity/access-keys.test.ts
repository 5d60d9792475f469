import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { openSealedText } from "@/lib/server/platform/secrets/secret-box.ts";
import { clearAccessKeyCache, findAccessKeyForSigV4 } from "./access-key-lookup.ts";
import { accessKeySecretContext, createAccessKey } from "./create-access-key.ts";
import { createUser } from "./create-user.ts";
import { ensureAdmin } from "./ensure-admin.ts";
import { verifyPassword } from "./password-hash.ts";
import { readAccessKeySecret } from "./read-access-key-secret.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("access-keys");

describe("ensureAdmin", () => {
  it("creates the first admin with a generated password and an access key, once", async () => {
    const first = await ensureAdmin();
    expect(first.created).toBe(true);
    expect(first.userName).toBe("admin");
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    expect(first.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(first.secretAccessKey).toHaveLength(40);

    const user = await db().user.findUniqueOrThrow({ where: { name: "admin" } });
    expect(user.role).toBe("admin");
    expect(user.passwordHash).not.toContain(first.generatedPassword!);
    expect(await verifyPassword(first.generatedPassword!, user.passwordHash)).toBe(true);

    const again = await ensureAdmin({ password: "ignored because the admin exists" });
    expect(again).toEqual({
      created: false,
      userName: "admin",
      accessKeyId: first.accessKeyId,
      secretAccessKey: first.secretAccessKey,
    });
    expect(await db().user.count()).toBe(1);
    expect(await db().accessKey.count()).toBe(1);
  });
});

describe("createUser", () => {
  it("applies IAM user-name rules", async () => {
    for (const name of ["", "has space", "slash/name", "x".repeat(65), "ünïcode", "semi;colon"]) {
      await expect(createUser({ name, password: "long enough password" })).rejects.toMatchObject({ code: "ValidationException" });
    }
    const ok = await createUser({ name: "Ops+Team=1,a.b@c_d-e", password: "long enough password", role: "operator" });
    expect(ok.principalArn).toBe("arn:aws:iam::111122223333:user/Ops+Team=1,a.b@c_d-e");
    expect(ok.role).toBe("operator");
    expect((await createUser({ name: "y".repeat(64), password: "long enough password" })).name).toHaveLength(64);
  });

  it("refuses short passwords and names that differ only by case", async () => {
    await expect(createUser({ name: "shorty", password: "short" })).rejects.toMatchObject({ code: "ValidationException" });
    await createUser({ name: "Alice", password: "long enough password" });
    await expect(createUser({ name: "alice", password: "long enough password" })).rejects.toMatchObject({
      code: "EntityAlreadyExists",
      status: 409,
    });
  });
});

describe("access keys", () => {
  it("are AKIA ids with 40-character secrets, sealed at rest and readable back server-side", async () => {
    const user = await createUser({ name: "sdk-user", password: "long enough password" });
    const { accessKeyId, secretAccessKey } = await createAccessKey(user.id);
    expect(accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);

    const row = await db().accessKey.findUniqueOrThrow({ where: { id: accessKeyId } });
    expect(row.secretSealed).not.toContain(secretAccessKey);
    expect(row.secretSealed.startsWith("v1.")).toBe(true);
    expect(openSealedText(row.secretSealed, accessKeySecretContext(accessKeyId))).toBe(secretAccessKey);

    expect(await readAccessKeySecret(accessKeyId)).toEqual({
      accessKeyId,
      secretAccessKey,
      status: "Active",
      role: "admin",
      userId: user.id,
      userName: "sdk-user",
      principalArn: "arn:aws:iam::111122223333:user/sdk-user",
    });
  });

  it("cannot be unsealed under another key's context (a sealed secret cannot move rows)", async () => {
    const user = await createUser({ name: "mover", password: "long enough password" });
    const a = await createAccessKey(user.id);
    const b = await createAccessKey(user.id);
    const rowA = await db().accessKey.findUniqueOrThrow({ where: { id: a.accessKeyId } });
    await db().accessKey.update({ where: { id: b.accessKeyId }, data: { secretSealed: rowA.secretSealed } });
    await expect(readAccessKeySecret(b.accessKeyId)).rejects.toThrow();
  });

  it("are limited to two per user, as in IAM", async () => {
    const user = await createUser({ name: "two-keys", password: "long enough password" });
    await createAccessKey(user.id);
    await createAccessKey(user.id);
    await expect(createAccessKey(user.id)).rejects.toMatchObject({ code: "LimitExceeded" });
  });

  it("unknown ids read as null; unknown users cannot get keys", async () => {
    expect(await readAccessKeySecret("AKIAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await readAccessKeySecret("not-an-id")).toBeNull();
    await expect(createAccessKey("no-such-user")).rejects.toMatchObject({ code: "NoSuchEntity" });
  });

  it("sign SigV4 requests only while Active, and their use is recorded", async () => {
    const user = await createUser({ name: "signer", password: "long enough password" });
    const { accessKeyId, secretAccessKey } = await createAccessKey(user.id);
    expect(await findAccessKeyForSigV4(accessKeyId)).toEqual({
      secretAccessKey,
      principalArn: "arn:aws:iam::111122223333:user/signer",
      userName: "signer",
      role: "admin",
    });
    await expect.poll(async () => (await db().accessKey.findUniqueOrThrow({ where: { id: accessKeyId } })).lastUsedAt).not.toBeNull();

    await db().accessKey.update({ where: { id: accessKeyId }, data: { status: "Inactive" } });
    clearAccessKeyCache();
    expect(await findAccessKeyForSigV4(accessKeyId)).toBeNull();
  });

  it("are written to the audit log without their secret", async () => {
    const user = await createUser({ name: "audited", password: "long enough password" });
    const { accessKeyId, secretAccessKey } = await createAccessKey(user.id, { principalArn: "arn:aws:iam::111122223333:user/admin" });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { eventName: "CreateAccessKey", requestParameters: { contains: accessKeyId } },
    });
    expect(event.eventSource).toBe("keyhold.console");
    expect(event.principalArn).toBe("arn:aws:iam::111122223333:user/admin");
    expect(JSON.stringify(event)).not.toContain(secretAccessKey);
  });
});
