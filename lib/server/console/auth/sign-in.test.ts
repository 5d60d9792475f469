import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";
import { currentParams, hashPassword, parsePasswordHash, verifyPassword } from "@/lib/server/platform/identity/password-hash.ts";
import { ThrottlingError } from "./login-throttle.ts";
import { signIn } from "./sign-in.ts";
import { signOut } from "./sign-out.ts";
import { validateSessionToken } from "./validate-session.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("sign-in");

const PASSWORD = "operator password 123";
const actor = (sourceIp: string) => ({ sourceIp, userAgent: "vitest", requestId: crypto.randomUUID() });

beforeAll(async () => {
  await createUser({ name: "operator", password: PASSWORD, role: "operator" });
});

async function failure(userName: string, password: string, ip: string) {
  return signIn({ userName, password, actor: actor(ip) }).then(
    () => {
      throw new Error("expected sign-in to fail");
    },
    (e: unknown) => e as { code: string; status: number; safeMessage: string },
  );
}

describe("signIn", () => {
  it("starts a session for the right password and records ConsoleLogin without the password", async () => {
    const { token, session } = await signIn({ userName: "operator", password: PASSWORD, actor: actor("10.0.0.1") });
    expect((await validateSessionToken(token))?.user.name).toBe("operator");
    expect(session.user.principalArn).toBe("arn:aws:iam::111122223333:user/operator");

    const event = await db().auditEvent.findFirstOrThrow({ where: { eventName: "ConsoleLogin", errorCode: null } });
    expect(event).toMatchObject({
      eventSource: "keyhold.console",
      principalArn: session.user.principalArn,
      sourceIp: "10.0.0.1",
      userAgent: "vitest",
    });
    expect(JSON.stringify(event)).not.toContain(PASSWORD);
  });

  it("answers an unknown user exactly like a wrong password", async () => {
    const wrong = await failure("operator", "not the password", "10.0.0.2");
    const unknown = await failure("nobody-here", "not the password", "10.0.0.2");
    expect(wrong).toMatchObject({ code: "AuthenticationFailed", status: 401 });
    expect(unknown).toMatchObject({ code: wrong.code, status: wrong.status, safeMessage: wrong.safeMessage });

    const events = await db().auditEvent.findMany({ where: { eventName: "ConsoleLogin", sourceIp: "10.0.0.2" } });
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e.errorCode).toBe("AuthenticationFailed");
      expect(e.requestParameters).not.toContain("not the password");
    }
    // A name that matches no user may be a mistyped password: it is not written down.
    expect(events.some((e) => e.requestParameters?.includes("nobody-here"))).toBe(false);
  });

  it("slows down repeated failures for a name and IP, for known and unknown names alike", async () => {
    for (const name of ["operator", "ghost-user"]) {
      for (let i = 0; i < 5; i++) expect((await failure(name, "guess", "10.0.0.3")).code).toBe("AuthenticationFailed");
      const throttled = await failure(name, name === "operator" ? PASSWORD : "guess", "10.0.0.3");
      expect(throttled).toBeInstanceOf(ThrottlingError);
      expect(throttled).toMatchObject({ code: "ThrottlingException", status: 429 });
      expect((throttled as unknown as ThrottlingError).retryAfterSeconds).toBeGreaterThan(0);
    }
    // Another IP is not held up by those failures.
    await expect(signIn({ userName: "operator", password: PASSWORD, actor: actor("10.0.0.4") })).resolves.toBeTruthy();
  });

  it("counts parallel attempts before checking them: 60 simultaneous wrong passwords, 5 checked", async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => failure("operator", "parallel guess", "10.0.0.6")));
    const checked = results.filter((e) => e.code === "AuthenticationFailed").length;
    const throttled = results.filter((e) => e.code === "ThrottlingException").length;
    expect({ checked, throttled }).toEqual({ checked: 5, throttled: 55 });
    const rows = await db().auditEvent.groupBy({
      by: ["errorCode"],
      where: { eventName: "ConsoleLogin", sourceIp: "10.0.0.6" },
      _count: true,
    });
    expect(Object.fromEntries(rows.map((r) => [r.errorCode, r._count]))).toEqual({ AuthenticationFailed: 5, ThrottlingException: 55 });
  });

  it("counts parallel attempts per name across source addresses (20) and per address across names (50)", async () => {
    const perName = await Promise.all(Array.from({ length: 60 }, (_, i) => failure("sprayed-name", "guess", `10.1.0.${i + 1}`)));
    expect(perName.filter((e) => e.code === "AuthenticationFailed")).toHaveLength(20);
    const perIp = await Promise.all(Array.from({ length: 60 }, (_, i) => failure(`spray-${i}`, "guess", "10.2.0.1")));
    expect(perIp.filter((e) => e.code === "AuthenticationFailed")).toHaveLength(50);
  });

  it("upgrades a hash made with older scrypt parameters at sign-in, and records the sign-in time", async () => {
    const user = await createUser({ name: "old-hash-user", password: "old hash password 1", role: "viewer" });
    const oldHash = await hashPassword("old hash password 1", { ln: 14, r: 8, p: 1 });
    await db().user.update({ where: { id: user.id }, data: { passwordHash: oldHash } });

    await signIn({ userName: "old-hash-user", password: "old hash password 1", actor: actor("10.0.0.7") });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).not.toBe(oldHash);
    expect(parsePasswordHash(after.passwordHash)?.params).toEqual(currentParams());
    expect(await verifyPassword("old hash password 1", after.passwordHash)).toBe(true);
    expect(after.lastSignInAt).toBeInstanceOf(Date);
    // The upgraded hash signs in as well.
    await expect(signIn({ userName: "old-hash-user", password: "old hash password 1", actor: actor("10.0.0.7") })).resolves.toBeTruthy();
  });

  it("refuses a deactivated user with the right password like a wrong one", async () => {
    const user = await createUser({ name: "inactive-user", password: "inactive password 1", role: "viewer" });
    await db().user.update({ where: { id: user.id }, data: { status: "Inactive" } });
    const refused = await failure("inactive-user", "inactive password 1", "10.0.0.8");
    expect(refused).toMatchObject({ code: "AuthenticationFailed", status: 401, safeMessage: "Incorrect user name or password." });
  });

  it("signOut ends the session and records ConsoleLogout", async () => {
    const { token, session } = await signIn({ userName: "operator", password: PASSWORD, actor: actor("10.0.0.5") });
    await signOut({ session, actor: actor("10.0.0.5") });
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db().auditEvent.count({ where: { eventName: "ConsoleLogout", principalArn: session.user.principalArn } })).toBe(1);
  });
});
