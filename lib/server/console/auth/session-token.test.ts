import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/platform/db.ts";
import { createSession } from "./create-session.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";
import { deleteSession } from "./delete-session.ts";
import { clearedSessionCookie, hashSessionToken, newSessionToken, sessionCookie } from "./session-token.ts";
import { validateSessionToken } from "./validate-session.ts";
import { useMigratedDataDir } from "@/test/temp-data-dir.ts";

useMigratedDataDir("session-token");

process.env.KEYHOLD_SESSION_HOURS = "3";

let userId = "";

beforeAll(async () => {
  userId = (await createUser({ name: "session.tester", password: "a long enough password" })).id;
});

describe("session tokens", () => {
  it("are 32 random bytes in base64url, and the stored id is their SHA-256", () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(newSessionToken()).not.toBe(token);
    expect(hashSessionToken(token)).toBe(crypto.createHash("sha256").update(token).digest("hex"));
  });

  it("never reach the database: only the hash is stored", async () => {
    const { token, sessionId } = await createSession(userId);
    const rows = await db().session.findMany({ where: { userId } });
    expect(rows.map((r) => r.id)).toContain(sessionId);
    expect(sessionId).toBe(hashSessionToken(token));
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(token);
  });

  it("expire after KEYHOLD_SESSION_HOURS", async () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const { expiresAt } = await createSession(userId, now);
    expect(expiresAt.getTime() - now.getTime()).toBe(3 * 3_600_000);
  });
});

describe("validateSessionToken", () => {
  it("returns the user and principal for a live session", async () => {
    const { token, expiresAt } = await createSession(userId);
    const session = await validateSessionToken(token);
    expect(session?.user).toEqual({
      id: userId,
      name: "session.tester",
      role: "admin",
      principalArn: "arn:aws:iam::111122223333:user/session.tester",
    });
    expect(session?.expiresAt.getTime()).toBe(expiresAt.getTime());
  });

  it("rejects malformed, unknown and missing tokens", async () => {
    expect(await validateSessionToken(undefined)).toBeNull();
    expect(await validateSessionToken("")).toBeNull();
    expect(await validateSessionToken("not-a-token")).toBeNull();
    expect(await validateSessionToken(newSessionToken())).toBeNull();
    const { sessionId } = await createSession(userId);
    expect(await validateSessionToken(sessionId)).toBeNull(); // the stored hash is not a token
  });

  it("rejects and deletes an expired session", async () => {
    const { token, sessionId } = await createSession(userId, new Date(Date.now() - 4 * 3_600_000));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db().session.findUnique({ where: { id: sessionId } })).toBeNull();
  });

  it("refreshes lastSeenAt, at most every few minutes", async () => {
    const start = new Date();
    const { token, sessionId } = await createSession(userId, start);
    await validateSessionToken(token, new Date(start.getTime() + 60_000));
    expect((await db().session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime()).toBe(start.getTime());
    const later = new Date(start.getTime() + 10 * 60_000);
    await validateSessionToken(token, later);
    expect((await db().session.findUniqueOrThrow({ where: { id: sessionId } })).lastSeenAt.getTime()).toBe(later.getTime());
  });

  it("stops working once the session is deleted (sign-out) or its user is removed", async () => {
    const a = await createSession(userId);
    await deleteSession(a.sessionId);
    expect(await validateSessionToken(a.token)).toBeNull();

    const other = await createUser({ name: "short.lived", password: "another long password" });
    const b = await createSession(other.id);
    await db().user.delete({ where: { id: other.id } });
    expect(await validateSessionToken(b.token)).toBeNull();
  });
});

describe("session cookie", () => {
  it("is httpOnly, SameSite=Strict, Path=/ and Secure only over HTTPS", () => {
    const expires = new Date("2030-01-01T00:00:00Z");
    expect(sessionCookie("tok", expires, false)).toEqual({
      name: "keyhold_session",
      value: "tok",
      httpOnly: true,
      sameSite: "strict",
      path: "/",
      secure: false,
      expires,
    });
    expect(sessionCookie("tok", expires, true).secure).toBe(true);
    const cleared = clearedSessionCookie(true);
    expect(cleared.value).toBe("");
    expect(cleared.expires.getTime()).toBe(0);
  });
});
