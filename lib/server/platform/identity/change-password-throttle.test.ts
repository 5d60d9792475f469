import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { changeOwnPassword } from "./change-own-password.ts";
import { createUser } from "./create-user.ts";
import { verifyPassword } from "./password-hash.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("change-password-throttle");

const PW = "the current password 1";
const NEW = "a brand new password 2";

describe("ChangePassword throttle", () => {
  it("checks at most 5 wrong current passwords, even when 20 arrive at once, and then refuses the right one too", async () => {
    const user = await createUser({ name: "guessed", password: PW, role: "viewer" });
    const attempt = (currentPassword: string) =>
      changeOwnPassword({ userId: user.id, currentPassword, newPassword: NEW, keepSessionId: "none" }).then(
        () => "changed",
        (e: { code?: string }) => e.code,
      );

    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(`wrong guess ${i}`)));
    expect(outcomes.filter((c) => c === "InvalidCurrentPassword")).toHaveLength(5);
    expect(outcomes.filter((c) => c === "ThrottlingException")).toHaveLength(15);

    // Throttled means throttled: the right password waits too, and the password is unchanged.
    expect(await attempt(PW)).toBe("ThrottlingException");
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(PW, row.passwordHash)).toBe(true);

    // Every attempt is audited, the throttled ones as such, and no password is in the log.
    const events = await db().auditEvent.findMany({ where: { eventName: "ChangePassword" } });
    expect(events.filter((e) => e.errorCode === "InvalidCurrentPassword")).toHaveLength(5);
    expect(events.filter((e) => e.errorCode === "ThrottlingException")).toHaveLength(16);
    expect(JSON.stringify(events)).not.toMatch(/wrong guess|the current password|brand new/);
  });

  it("counts per user: another user's wrong passwords do not throttle this one", async () => {
    const user = await createUser({ name: "unaffected", password: PW, role: "viewer" });
    await changeOwnPassword({ userId: user.id, currentPassword: PW, newPassword: NEW, keepSessionId: "none" });
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(NEW, row.passwordHash)).toBe(true);
  });
});
