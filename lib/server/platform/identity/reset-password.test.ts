import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { createUser } from "./create-user.ts";
import { resetPassword } from "./reset-password.ts";
import { signIn } from "@/lib/server/console/auth/sign-in.ts";
import { validateSessionToken } from "@/lib/server/console/auth/validate-session.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("reset-password");

const OLD = "the old password 123";
const NEW = "the new password 456";
const actor = { sourceIp: "10.0.0.9", userAgent: "vitest", requestId: crypto.randomUUID() };

beforeAll(async () => {
  await createUser({ name: "forgetful", password: OLD, role: "admin" });
});

describe("resetPassword", () => {
  it("replaces the password, ends the user's sessions and records the reset without the password", async () => {
    const before = await signIn({ userName: "forgetful", password: OLD, actor });
    await resetPassword({ userName: "forgetful", newPassword: NEW });

    expect(await validateSessionToken(before.token)).toBeNull();
    await expect(signIn({ userName: "forgetful", password: OLD, actor })).rejects.toMatchObject({ code: "AuthenticationFailed" });
    const after = await signIn({ userName: "forgetful", password: NEW, actor });
    expect((await validateSessionToken(after.token))?.user.name).toBe("forgetful");

    const event = await db().auditEvent.findFirstOrThrow({ where: { eventName: "ResetPassword" } });
    expect(JSON.stringify(event)).not.toContain(NEW);
  });

  it("refuses a weak password and an unknown user with their own errors", async () => {
    await expect(resetPassword({ userName: "forgetful", newPassword: "short" })).rejects.toMatchObject({ code: "ValidationException" });
    await expect(resetPassword({ userName: "nobody", newPassword: NEW })).rejects.toMatchObject({ code: "NoSuchEntity" });
  });
});
