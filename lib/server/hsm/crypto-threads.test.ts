import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptGcm, encryptGcm, type GcmSealed } from "./aes-gcm.ts";
import { cryptoThreadCounters } from "./crypto-threads.ts";
import { hsmState } from "./state.ts";
import { generateAesKey } from "./keys.ts";
import { closeModule, isModuleLoaded, pkcs11 } from "./module.ts";
import { isLoggedIn, login, logout, tokenState } from "./session-pool.ts";
import { randomPin, removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { initToken } from "./tokens.ts";

// The AES-GCM worker threads (crypto-threads.ts) under concurrent use, a logout and a module close
// while jobs are in flight: answers stay right, errors are AppErrors, and the process never crashes.
process.env.KEYHOLD_HSM_THREADS = "2";
const dir = useTempDataDir("crypto-threads");
const TOKENS = ["threads-a", "threads-b"];
const KEY = "arn:aws:kms:us-east-1:111122223333:key/0000aaaa-12ab-34cd-56ef-1234567890ab";
const pins = new Map(TOKENS.map((t) => [t, randomPin()]));
const aad = Buffer.from('{"purpose":"threads"}');

async function loginAll(withKeys: boolean): Promise<void> {
  for (const token of TOKENS) {
    if (!isLoggedIn(token)) login(token, pins.get(token)!);
    if (withKeys) await generateAesKey(token, KEY);
  }
}

beforeAll(async () => {
  for (const token of TOKENS) initToken({ label: token, soPin: randomPin(), userPin: pins.get(token)! });
  await loginAll(true);
});
afterAll(() => {
  closeModule();
  removeTempDataDir(dir);
});

// Jobs alternate between the threads, so tokens change every two jobs: each token meets both threads.
const tokenOf = (i: number) => TOKENS[(i >> 1) % 2]!;
const plaintextOf = (i: number) => Buffer.from(`message ${i} `.repeat(1 + (i % 7)));

describe("crypto threads", () => {
  it("3,000 concurrent encryptions on two tokens all decrypt, with 3,000 different IVs, spread over both threads", async () => {
    const sealed = await Promise.all(Array.from({ length: 3000 }, (_, i) => encryptGcm(tokenOf(i), KEY, plaintextOf(i), aad)));
    expect(new Set(sealed.map((s) => s.iv.toString("hex"))).size).toBe(3000);
    for (const s of sealed) expect(s.iv).toHaveLength(12);
    const opened = await Promise.all(sealed.map((s, i) => decryptGcm(tokenOf(i), KEY, s, aad)));
    opened.forEach((p, i) => expect(p).toEqual(plaintextOf(i)));
    // Each thread has its own session on each token it worked on.
    for (const token of TOKENS) expect(tokenState(token).threadSessions.filter(Boolean)).toHaveLength(2);
  });

  it("a lone job runs on the main thread, jobs that arrive together go to the threads, and both decrypt each other's output", async () => {
    const before = cryptoThreadCounters();
    const lone: GcmSealed[] = [];
    for (let i = 0; i < 20; i++) lone.push(await encryptGcm(tokenOf(i), KEY, plaintextOf(i), aad));
    const afterLone = cryptoThreadCounters();
    expect(afterLone.jobsOnMainThread - before.jobsOnMainThread).toBe(20);
    expect(afterLone.batches).toBe(before.batches);

    const together = await Promise.all(lone.map((s, i) => decryptGcm(tokenOf(i), KEY, s, aad)));
    together.forEach((p, i) => expect(p).toEqual(plaintextOf(i)));
    const afterTogether = cryptoThreadCounters();
    expect(afterTogether.jobsOnThreads - afterLone.jobsOnThreads).toBe(20);
    expect(afterTogether.jobsOnMainThread).toBe(afterLone.jobsOnMainThread);

    // A failed tag check on the main thread is InvalidCiphertextException too, and the session stays usable.
    const bad: GcmSealed = { ...lone[0]!, tag: Buffer.from(lone[0]!.tag).fill(0) };
    await expect(decryptGcm(tokenOf(0), KEY, bad, aad)).rejects.toMatchObject({ code: "InvalidCiphertextException" });
    expect(await decryptGcm(tokenOf(0), KEY, lone[0]!, aad)).toEqual(plaintextOf(0));
    expect(cryptoThreadCounters().jobsOnMainThread - afterTogether.jobsOnMainThread).toBe(2);
  });

  it("a failed tag check in the middle of a batch fails only that job, and its thread's session stays usable", async () => {
    const good = await encryptGcm(TOKENS[0]!, KEY, Buffer.from("good"), aad);
    const bad: GcmSealed = { ...good, tag: Buffer.from(good.tag).fill(0) };
    const session = [...tokenState(TOKENS[0]!).threadSessions];
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => decryptGcm(TOKENS[0]!, KEY, i % 4 === 1 ? bad : good, aad)),
    );
    results.forEach((r, i) => {
      if (i % 4 === 1) expect(r).toMatchObject({ status: "rejected", reason: { code: "InvalidCiphertextException" } });
      else expect(r).toEqual({ status: "fulfilled", value: Buffer.from("good") });
    });
    expect(tokenState(TOKENS[0]!).threadSessions).toEqual(session);
  });

  it("a thread's session closed behind its back fails that job, and the next job gets a new session", async () => {
    const token = tokenState(TOKENS[0]!);
    const broken = token.threadSessions.filter((h) => h !== undefined);
    for (const session of broken) pkcs11().C_CloseSession(session);
    // Two at once, so that both threads meet their broken session.
    const failed = await Promise.allSettled([1, 2].map(() => encryptGcm(TOKENS[0]!, KEY, Buffer.from("x"), aad)));
    for (const r of failed) expect(r).toMatchObject({ status: "rejected", reason: { code: "KMSInternalException" } });
    const sealed = await encryptGcm(TOKENS[0]!, KEY, Buffer.from("again"), aad);
    expect(await decryptGcm(TOKENS[0]!, KEY, sealed, aad)).toEqual(Buffer.from("again"));
    expect(token.threadSessions.filter((h) => h !== undefined && broken.some((b) => b.equals(h)))).toEqual([]);
  });

  it("a logout while 2,000 jobs are in flight: each one answers right or fails as an AppError, and a new login works", async () => {
    const jobs = Array.from({ length: 2000 }, (_, i) => encryptGcm(tokenOf(i), KEY, plaintextOf(i), aad));
    const settled = Promise.allSettled(jobs);
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is on its way
    logout(TOKENS[0]!);
    const results = await settled;
    const failed = results.filter((r) => r.status === "rejected");
    for (const r of failed) expect(r.reason).toMatchObject({ name: "AppError" });
    // Token b was never logged out: all of its jobs succeeded.
    results.forEach((r, i) => {
      if (tokenOf(i) === TOKENS[1]) expect(r.status).toBe("fulfilled");
    });
    await loginAll(false);
    const again = await encryptGcm(TOKENS[0]!, KEY, Buffer.from("after"), aad);
    expect(await decryptGcm(TOKENS[0]!, KEY, again, aad)).toEqual(Buffer.from("after"));
  });

  it("closing the module while 2,000 jobs are in flight stops the threads first: no crash, the unfinished jobs fail, and the next load starts new threads", async () => {
    const jobs = Array.from({ length: 2000 }, (_, i) => encryptGcm(tokenOf(i), KEY, plaintextOf(i), aad));
    const settled = Promise.allSettled(jobs);
    await new Promise((resolve) => setImmediate(resolve));
    const threads = hsmState().cryptoThreads!.threads.map((t) => t.worker);
    closeModule();
    expect(isModuleLoaded()).toBe(false);
    expect(hsmState().cryptoThreads).toBeUndefined();
    const results = await settled;
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failed.length).toBeGreaterThan(0);
    for (const r of failed) expect(r.reason).toMatchObject({ name: "AppError", code: "KMSInternalException" });
    // The old threads end; a new login (module loaded again) gets new ones.
    await Promise.all(threads.map((w) => new Promise((resolve) => (w.threadId === -1 ? resolve(null) : w.once("exit", resolve)))));
    await loginAll(false);
    const sealed = await encryptGcm(TOKENS[1]!, KEY, Buffer.from("reloaded"), aad);
    expect(await decryptGcm(TOKENS[1]!, KEY, sealed, aad)).toEqual(Buffer.from("reloaded"));
    expect(hsmState().cryptoThreads!.threads.every((t) => !threads.includes(t.worker))).toBe(true);
  });
});
