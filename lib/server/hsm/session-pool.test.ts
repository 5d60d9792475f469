import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encryptGcm } from "./aes-gcm.ts";
import { generateAesKey, listKeyLabels } from "./keys.ts";
import { pkcs11 } from "./module.ts";
import { MAX_SESSIONS_PER_TOKEN, isLoggedIn, login, logout, poolSize, withTokenSession } from "./session-pool.ts";
import { randomPin, removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { initToken, setUserPin } from "./tokens.ts";

const dir = useTempDataDir("session-pool");
const TOKEN = "pool-token";
const soPin = randomPin();
let userPin = randomPin();

beforeAll(() => {
  initToken({ label: TOKEN, soPin, userPin });
});
afterAll(() => removeTempDataDir(dir));

describe("login", () => {
  it("a wrong PIN is INVALID_CREDENTIALS and C_Login is called exactly once", () => {
    const spy = vi.spyOn(pkcs11(), "C_Login");
    try {
      let error: unknown;
      try {
        login(TOKEN, "wrong-pin-123");
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: "CustomKeyStoreInvalidStateException",
        connectionErrorCode: "INVALID_CREDENTIALS",
      });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(isLoggedIn(TOKEN)).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });

  it("logs in once, indexes keys, and refuses a second login", async () => {
    login(TOKEN, userPin);
    expect(isLoggedIn(TOKEN)).toBe(true);
    await generateAesKey(TOKEN, "k1");
    expect(() => login(TOKEN, userPin)).toThrow(expect.objectContaining({ connectionErrorCode: "USER_LOGGED_IN" }));
    logout(TOKEN);
    expect(isLoggedIn(TOKEN)).toBe(false);
    await expect(encryptGcm(TOKEN, "k1", Buffer.from("x"))).rejects.toMatchObject({
      code: "KMSInvalidStateException",
    });
    // A fresh login rebuilds the label → handle index from the token (handles changed on logout).
    login(TOKEN, userPin);
    expect(listKeyLabels(TOKEN)).toEqual(["k1"]);
    expect((await encryptGcm(TOKEN, "k1", Buffer.from("x"))).tag).toHaveLength(16);
  });

  it("the SO can set a new user PIN; the old one then fails", () => {
    const newPin = randomPin();
    setUserPin(TOKEN, soPin, newPin);
    expect(isLoggedIn(TOKEN)).toBe(false);
    expect(() => login(TOKEN, userPin)).toThrow(expect.objectContaining({ connectionErrorCode: "INVALID_CREDENTIALS" }));
    userPin = newPin;
    login(TOKEN, userPin);
    expect(listKeyLabels(TOKEN)).toEqual(["k1"]);
  });

  it("a wrong SO PIN is INVALID_CREDENTIALS too, and the user session is not restored", () => {
    expect(() => setUserPin(TOKEN, "bad-so-pin", randomPin())).toThrow(
      expect.objectContaining({ connectionErrorCode: "INVALID_CREDENTIALS" }),
    );
    login(TOKEN, userPin);
  });
});

describe("withTokenSession", () => {
  it("returns sessions to the pool; synchronous work reuses one session", async () => {
    await Promise.all(Array.from({ length: 50 }, () => withTokenSession(TOKEN, () => 1)));
    expect(poolSize(TOKEN).open).toBeLessThanOrEqual(1);
  });

  it("gives concurrent async borrowers distinct sessions, up to the limit, and then queues them", async () => {
    const seen = new Set<string>();
    let inFlight = 0;
    let maxInFlight = 0;
    await Promise.all(
      Array.from({ length: MAX_SESSIONS_PER_TOKEN * 2 }, () =>
        withTokenSession(TOKEN, async (session) => {
          inFlight++;
          maxInFlight = Math.max(maxInFlight, inFlight);
          seen.add(session.toString("hex"));
          await new Promise((r) => setImmediate(r));
          inFlight--;
        }),
      ),
    );
    expect(maxInFlight).toBe(MAX_SESSIONS_PER_TOKEN);
    expect(seen.size).toBe(MAX_SESSIONS_PER_TOKEN);
    expect(poolSize(TOKEN)).toEqual({ open: MAX_SESSIONS_PER_TOKEN, idle: MAX_SESSIONS_PER_TOKEN });
  });

  it("closes a session whose work failed, and maps the error", async () => {
    const before = poolSize(TOKEN).open;
    await expect(
      withTokenSession(TOKEN, (session) => pkcs11().C_DestroyObject(session, Buffer.from("ffffff0000000000", "hex"))),
    ).rejects.toMatchObject({ code: "KMSInvalidStateException" });
    expect(poolSize(TOKEN).open).toBe(before - 1);
  });

  it("fails for a token that is not logged in", async () => {
    await expect(withTokenSession("no-such-token", () => 1)).rejects.toMatchObject({ code: "KMSInvalidStateException" });
  });
});
