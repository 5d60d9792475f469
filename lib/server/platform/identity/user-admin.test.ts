import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { findAccessKeyForSigV4 } from "./access-key-lookup.ts";
import { changeOwnPassword } from "./change-own-password.ts";
import { createAccessKey } from "./create-access-key.ts";
import { createUser } from "./create-user.ts";
import { deleteUser } from "./delete-user.ts";
import { verifyPassword } from "./password-hash.ts";
import { setUserRole } from "./set-user-role.ts";
import { setUserStatus } from "./set-user-status.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("user-admin");

const PW = "user admin password 1";

describe("user administration", () => {
  it("never leaves the console without an active admin, and refuses changes to yourself", async () => {
    const root = await createUser({ name: "root-admin", password: PW, role: "admin" });
    const other = await createUser({ name: "second-admin", password: PW, role: "admin" });

    await expect(deleteUser({ userId: root.id, actingUserId: root.id })).rejects.toMatchObject({ code: "ValidationException" });
    await setUserStatus({ userId: other.id, status: "Inactive", actingUserId: root.id });
    // root is now the only active admin: nobody may demote, deactivate or delete it (a set-up script has no acting user).
    await expect(setUserRole({ userId: root.id, role: "viewer" })).rejects.toThrow(/last active administrator/);
    await expect(setUserStatus({ userId: root.id, status: "Inactive" })).rejects.toThrow(/last active administrator/);
    await expect(deleteUser({ userId: root.id })).rejects.toThrow(/last active administrator/);
    await setUserStatus({ userId: other.id, status: "Active", actingUserId: root.id });
    await setUserRole({ userId: other.id, role: "operator", actingUserId: root.id });
    expect(
      (await db().auditEvent.findMany({ where: { eventName: { in: ["DeactivateUser", "ActivateUser", "UpdateUserRole"] } } })).length,
    ).toBe(3);
  });

  it("a deactivated or deleted user's cached key is refused by the very next lookup", async () => {
    const user = await createUser({ name: "key-user", password: PW, role: "operator" });
    const key = await createAccessKey(user.id);
    expect(await findAccessKeyForSigV4(key.accessKeyId)).not.toBeNull(); // now cached
    await setUserStatus({ userId: user.id, status: "Inactive" });
    expect(await findAccessKeyForSigV4(key.accessKeyId)).toBeNull();
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    await setUserStatus({ userId: user.id, status: "Active" });
    expect(await findAccessKeyForSigV4(key.accessKeyId)).not.toBeNull();
    await deleteUser({ userId: user.id });
    expect(await findAccessKeyForSigV4(key.accessKeyId)).toBeNull();
  });

  it("changes your own password only with the current one", async () => {
    const user = await createUser({ name: "changer", password: PW, role: "viewer" });
    await expect(
      changeOwnPassword({ userId: user.id, currentPassword: "wrong", newPassword: "new password 12", keepSessionId: "none" }),
    ).rejects.toMatchObject({ code: "InvalidCurrentPassword" });
    await changeOwnPassword({ userId: user.id, currentPassword: PW, newPassword: "new password 12", keepSessionId: "none" });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword("new password 12", row.passwordHash)).toBe(true);
    const events = await db().auditEvent.findMany({ where: { eventName: "ChangePassword" }, orderBy: { time: "asc" } });
    expect(events.map((e) => e.errorCode)).toEqual(["InvalidCurrentPassword", null]);
    expect(JSON.stringify(events)).not.toContain("new password 12");
  });
});
