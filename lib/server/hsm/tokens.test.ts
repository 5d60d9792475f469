import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decryptGcm, encryptGcm } from "./aes-gcm.ts";
import { generateAesKey } from "./keys.ts";
import { loadedModule } from "./module.ts";
import { isLoggedIn, login } from "./session-pool.ts";
import { findTokenSlot, listTokens, tokenInfo } from "./slots.ts";
import { randomPin, removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { deleteToken, initToken, tokenDirectory, tokenPresent } from "./tokens.ts";

const dir = useTempDataDir("tokens");
afterAll(() => removeTempDataDir(dir));

describe("project-local SoftHSM configuration and module", () => {
  it("writes softhsm2.conf under the data dir and takes the token-directory lock", () => {
    const { tokenDir, lockPath } = loadedModule();
    expect(process.env.SOFTHSM2_CONF).toBe(path.join(dir, "softhsm2.conf"));
    const conf = fs.readFileSync(path.join(dir, "softhsm2.conf"), "utf8");
    expect(conf).toContain(`directories.tokendir = ${path.join(dir, "tokens")}`);
    expect(conf).toContain("objectstore.backend = file");
    expect(conf).toContain("log.level = ERROR");
    expect(tokenDir).toBe(path.join(dir, "tokens"));
    expect(lockPath).toBe(path.join(dir, "hsm.lock"));
    expect(JSON.parse(fs.readFileSync(lockPath, "utf8")).pid).toBe(process.pid);
  });
});

describe("tokens", () => {
  const pins = new Map<string, string>();
  function create(label: string) {
    const userPin = randomPin();
    const token = initToken({ label, soPin: randomPin(), userPin });
    pins.set(label, userPin);
    return token;
  }

  it("initialises tokens in free slots and finds them by label after the slots are renumbered", () => {
    const a = create("hsm-one");
    const b = create("hsm-two");
    expect(a.initialized && a.userPinInitialized).toBe(true);
    expect(a.serial).not.toBe(b.serial);
    expect(
      listTokens()
        .map((t) => t.label)
        .sort(),
    ).toEqual(["hsm-one", "hsm-two"]);
    expect(findTokenSlot("hsm-two")?.slot.equals(b.slot)).toBe(true);
    expect(tokenInfo("hsm-one").label).toBe("hsm-one");
    expect(() => create("hsm-one")).toThrow(expect.objectContaining({ safeMessage: "A token with this label already exists." }));
    expect(() => initToken({ label: "x".repeat(33), soPin: "12345678", userPin: "12345678" })).toThrow();
  });

  it("finds the directory that belongs to each token", () => {
    const one = tokenDirectory("hsm-one")!;
    const two = tokenDirectory("hsm-two")!;
    expect(path.dirname(one)).toBe(path.join(dir, "tokens"));
    expect(one).not.toBe(two);
    expect(fs.existsSync(path.join(one, "token.object"))).toBe(true);
    expect(tokenPresent("hsm-one")).toBe(true);
  });

  it("deletes a token: sessions closed, directory removed, no longer listed", async () => {
    login("hsm-two", pins.get("hsm-two")!);
    const where = tokenDirectory("hsm-two")!;
    expect(deleteToken("hsm-two")).toBe(true);
    expect(fs.existsSync(where)).toBe(false);
    expect(isLoggedIn("hsm-two")).toBe(false);
    expect(listTokens().map((t) => t.label)).toEqual(["hsm-one"]);
    expect(findTokenSlot("hsm-two")).toBeUndefined();
    expect(tokenPresent("hsm-two")).toBe(false);
    expect(() => login("hsm-two", pins.get("hsm-two")!)).toThrow(
      expect.objectContaining({ code: "KMSInvalidStateException", connectionErrorCode: "INSUFFICIENT_CLOUDHSM_HSMS" }),
    );
    // A new token can still be created afterwards.
    expect(create("hsm-three").label).toBe("hsm-three");
  });

  it("a token directory removed behind the process's back maps to errors, not crashes", async () => {
    const label = "hsm-one";
    login(label, pins.get(label)!);
    await generateAesKey(label, "k");
    const sealed = await encryptGcm(label, "k", Buffer.from("x"));
    fs.rmSync(tokenDirectory(label)!, { recursive: true });
    expect(tokenPresent(label)).toBe(false);
    // Cached handles: CKR_OBJECT_HANDLE_INVALID → key material not available.
    await expect(encryptGcm(label, "k", Buffer.from("x"))).rejects.toMatchObject({ code: "KMSInvalidStateException" });
    await expect(decryptGcm(label, "k", sealed)).rejects.toMatchObject({ code: "KMSInvalidStateException" });
    // Key creation: CKR_GENERAL_ERROR → internal error (HSM unusable).
    await expect(generateAesKey(label, "k2")).rejects.toMatchObject({ code: "KMSInternalException" });
    expect(listTokens().map((t) => t.label)).not.toContain(label);
  });
});
