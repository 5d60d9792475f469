import "server-only";
import { Worker } from "node:worker_threads";
import type { Handle } from "pkcs11js";
import { env } from "@/lib/server/platform/env.ts";
import { hsmError } from "./errors.ts";
import { CONTROL, CRYPTO_THREAD_SOURCE, SLOT, SLOT_FIELDS } from "./crypto-thread-source.ts";
import { runGcmJobOnMainThread } from "./gcm-on-main-thread.ts";
import { allocate, createRing, releaseOldest, undoNewest, type Ring } from "./ring-space.ts";
import { hsmState } from "./state.ts";

// AES-GCM on PKCS#11 runs on a few worker threads (KEYHOLD_HSM_THREADS), so the second core carries
// it and the main thread keeps to HTTP, SigV4 and JSON. SoftHSM is initialised with CKF_OS_LOCKING_OK,
// which makes calls from several threads safe (softhsm-facts.md: worker threads 35k/57k ops/s with 1/2
// sessions; C_EncryptAsync is slower and C_EncryptInit has no async form). Jobs go through shared
// memory (crypto-thread-source.ts): the main thread writes a job into a slot and the rings and
// notifies; the thread answers in place and notifies back (Atomics.waitAsync here). Jobs are submitted
// at the end of the event loop's turn, all of that turn's at once; a lone job (the only one in its
// turn, every thread idle) runs on the main thread instead, where the round trip would cost more
// latency than the call. One thread is the default: on 2 cores, two were slower (bench/RESULTS.md).
//
// The main thread stays the owner of sessions, logins and the module: a thread only uses the session
// and key handles it is given. Closing sessions, logging out and C_Finalize run with the threads
// paused (pauseCryptoThreads / stopCryptoThreads), never during one of their calls.

export type GcmJob = {
  op: "encrypt" | "decrypt";
  session: Handle;
  key: Handle;
  /** Decrypt only (encrypt takes its IV from the token's RNG). */
  iv?: Buffer;
  aad: Buffer;
  /** Encrypt: plaintext; decrypt: ciphertext ‖ tag. */
  data: Buffer;
};

/** A failed job: the PKCS#11 error as the thread saw it; stage 1 is C_Decrypt itself (a failed tag check). */
export type CryptoThreadError = Error & { code?: number; method?: string; stage: number };

type Pending = { resolve: (out: Buffer) => void; reject: (e: unknown) => void };
type Queued = { job: GcmJob; pending: Pending };

type CryptoThread = {
  index: number;
  worker: Worker;
  control: Int32Array;
  slots: Int32Array;
  requests: Buffer;
  answers: Buffer;
  requestRing: Ring;
  answerRing: Ring;
  /** Jobs waiting to be submitted (at the end of the turn, or when slots or ring space free up). */
  queue: Queued[];
  /** Submitted and not answered yet, oldest first (the thread answers in order). */
  inFlight: Pending[];
  /** Jobs submitted so far (the thread's SUBMITTED), and answered so far as read here. */
  submitted: number;
  done: number;
  waiting: boolean;
  dead: boolean;
};
export type CryptoThreadCounters = { submits: number; jobsOnThreads: number; jobsOnMainThread: number };
export type CryptoThreadPool = { threads: CryptoThread[]; paused: number; flushScheduled: boolean; counters: CryptoThreadCounters };

const PAUSED = 1;
const STOPPED = 2;
const PAUSE_WAIT_MS = 5_000;
const SLOTS = 1024;
/** Per thread: room for far more than the largest KMS request (4 KiB plaintext, 6 KiB ciphertext) many times over. */
const RING_BYTES = 4 << 20;
/** A job larger than this runs on the main thread (no KMS operation comes close). */
const MAX_THREAD_JOB = RING_BYTES >> 4;
/** Room for a failed job's answer (its error as JSON). */
const MIN_ANSWER = 512;
const GCM_OVERHEAD = 28;

/** How many crypto threads there are (each has its own session per token, see session-pool.ts). */
export function cryptoThreadCount(): number {
  return env().KEYHOLD_HSM_THREADS;
}

/**
 * Runs one AES-GCM job on crypto thread `index` (0 ≤ index < cryptoThreadCount()). Resolves with the
 * output (encrypt: iv ‖ ciphertext ‖ tag; decrypt: plaintext); rejects with a CryptoThreadError.
 */
export function runOnCryptoThread(index: number, job: GcmJob): Promise<Buffer> {
  const pool = cryptoPool(true);
  const thread = (pool.threads[index] = liveThread(pool.threads[index], index));
  return new Promise<Buffer>((resolve, reject) => {
    thread.queue.push({ job, pending: { resolve, reject } });
    if (!pool.flushScheduled) {
      pool.flushScheduled = true;
      setImmediate(flush, pool);
    }
  });
}

/** How many jobs were submitted to the threads (and in how many submissions) and how many ran on the main thread (tests, diagnostics). */
export function cryptoThreadCounters(): CryptoThreadCounters {
  return { ...cryptoPool(true).counters };
}

/** The thread that has the fewest jobs waiting or running (index into the pool). */
export function leastBusyCryptoThread(): number {
  const threads = cryptoPool(true).threads;
  const count = cryptoThreadCount();
  let best = 0;
  let bestLoad = Infinity;
  for (let i = 0; i < count; i++) {
    const t = threads[i];
    const load = t ? t.queue.length + t.inFlight.length : 0;
    if (load < bestLoad) [best, bestLoad] = [i, load];
  }
  return best;
}

/**
 * Runs fn while no crypto thread is inside a PKCS#11 call (they wait; queued jobs run afterwards).
 * For what must not overlap an operation on a session: closing sessions, C_Logout.
 */
export function pauseCryptoThreads<T>(fn: () => T): T {
  const pool = cryptoPool(false);
  if (!pool || pool.threads.length === 0) return fn();
  if (pool.paused++ === 0) for (const t of live(pool)) holdThread(t, PAUSED);
  try {
    return fn();
  } finally {
    if (--pool.paused === 0) {
      for (const t of live(pool)) {
        Atomics.store(t.control, CONTROL.PAUSE, 0);
        Atomics.notify(t.control, CONTROL.PAUSE);
      }
    }
  }
}

/**
 * Stops every crypto thread before C_Finalize (which crashes the process if a call is running): waits
 * until none is inside a PKCS#11 call, fails the jobs not done, ends the threads. The next job starts
 * new ones.
 */
export function stopCryptoThreads(): void {
  const state = hsmState();
  const pool = state.cryptoThreads;
  if (!pool) return;
  state.cryptoThreads = undefined;
  for (const t of live(pool)) {
    holdThread(t, STOPPED);
    Atomics.notify(t.control, CONTROL.SUBMITTED); // wakes a waiting thread, which sees STOPPED and ends
  }
  for (const t of live(pool)) {
    failAll(t, "the PKCS#11 module is closing");
    t.dead = true;
    void t.worker.terminate();
  }
}

function cryptoPool(create: true): CryptoThreadPool;
function cryptoPool(create: false): CryptoThreadPool | undefined;
function cryptoPool(create: boolean): CryptoThreadPool | undefined {
  const state = hsmState();
  if (create)
    state.cryptoThreads ??= {
      threads: [],
      paused: 0,
      flushScheduled: false,
      counters: { submits: 0, jobsOnThreads: 0, jobsOnMainThread: 0 },
    };
  return state.cryptoThreads;
}

function live(pool: CryptoThreadPool): CryptoThread[] {
  return pool.threads.filter((t) => t && !t.dead);
}

/** Sets PAUSE to `value` and waits (bounded) until the thread is out of any PKCS#11 call. */
function holdThread(t: CryptoThread, value: number): void {
  Atomics.store(t.control, CONTROL.PAUSE, value);
  const deadline = Date.now() + PAUSE_WAIT_MS;
  while (Atomics.load(t.control, CONTROL.BUSY) !== 0 && Date.now() < deadline) Atomics.wait(t.control, CONTROL.BUSY, 1, 50);
  if (Atomics.load(t.control, CONTROL.BUSY) !== 0) console.error(`[keyhold] crypto thread ${t.index} still busy after ${PAUSE_WAIT_MS} ms`);
}

const shared = (bytes: number) => new SharedArrayBuffer(bytes);

/** Atomics.waitAsync (Node ≥ 16; ES2024, newer than the project's TypeScript lib). */
const waitAsync = (
  Atomics as unknown as { waitAsync: (a: Int32Array, index: number, value: number) => { value: Promise<string> | string } }
).waitAsync;

function liveThread(t: CryptoThread | undefined, index: number): CryptoThread {
  if (t && !t.dead) return t;
  const loaded = hsmState().module;
  if (!loaded) throw hsmError("KMSInternalException", "The HSM is not available.", { internalMessage: "PKCS#11 module not loaded" });
  const memory = {
    control: shared(CONTROL.LENGTH * 4),
    slots: shared(SLOTS * SLOT_FIELDS * 4),
    requests: shared(RING_BYTES),
    answers: shared(RING_BYTES),
  };
  const worker = new Worker(CRYPTO_THREAD_SOURCE, {
    eval: true,
    workerData: { libPath: loaded.libPath, ...memory },
    name: `keyhold-pkcs11-${index}`,
  });
  const thread: CryptoThread = {
    index,
    worker,
    control: new Int32Array(memory.control),
    slots: new Int32Array(memory.slots),
    requests: Buffer.from(memory.requests),
    answers: Buffer.from(memory.answers),
    requestRing: createRing(RING_BYTES),
    answerRing: createRing(RING_BYTES),
    queue: [],
    inFlight: [],
    submitted: 0,
    done: 0,
    waiting: false,
    dead: false,
  };
  worker.unref(); // held (ref) only while it has jobs, so a script's process can end
  const onDeath = (why: string) => {
    if (thread.dead) return;
    thread.dead = true;
    failAll(thread, why);
  };
  worker.on("error", (e) => onDeath(`crypto thread failed: ${e.message}`));
  worker.on("exit", (code) => onDeath(`crypto thread exited (${code})`));
  return thread;
}

function flush(pool: CryptoThreadPool): void {
  pool.flushScheduled = false;
  const threads = pool.threads.filter(Boolean);
  // A lone job (the only one this turn, every thread idle): one request in flight, where the round trip
  // to the thread would cost more latency than the call (~0.2 ms of a 0.5 ms request at one
  // connection). It runs here, on its thread's session, which is free: the thread has answered every
  // job it was given.
  const lone = threads.reduce((n, t) => n + t.queue.length, 0) === 1 && threads.every((t) => t.inFlight.length === 0);
  for (const t of threads) {
    if (lone && t.queue.length === 1 && !t.dead && pool.paused === 0) runHere(pool, t.queue.pop()!);
    else submit(pool, t);
  }
}

function runHere(pool: CryptoThreadPool, { job, pending }: Queued): void {
  pool.counters.jobsOnMainThread++;
  try {
    pending.resolve(runGcmJobOnMainThread(job));
  } catch (e) {
    pending.reject(Object.assign(e as Error, { stage: (e as { stage?: number }).stage ?? 0 }));
  }
}

/** Writes the queued jobs into slots and rings and wakes the thread; what does not fit waits for answers. */
function submit(pool: CryptoThreadPool, t: CryptoThread): void {
  if (t.queue.length === 0) return;
  if (t.dead) return failAll(t, "crypto thread ended");
  let count = 0;
  while (t.queue.length > 0 && t.inFlight.length < SLOTS) {
    const { job, pending } = t.queue[0]!;
    const requestBytes = job.session.length + job.key.length + (job.iv?.length ?? 0) + job.aad.length + job.data.length;
    const answerBytes = Math.max(job.data.length + GCM_OVERHEAD, MIN_ANSWER);
    if (requestBytes > MAX_THREAD_JOB || answerBytes > MAX_THREAD_JOB) {
      t.queue.shift();
      runHere(pool, { job, pending });
      continue;
    }
    const requestAt = allocate(t.requestRing, requestBytes);
    if (requestAt < 0) break;
    const answerAt = allocate(t.answerRing, answerBytes);
    if (answerAt < 0) {
      undoNewest(t.requestRing, requestAt);
      break;
    }
    t.queue.shift();
    const s = ((t.submitted >>> 0) % SLOTS) * SLOT_FIELDS;
    const slots = t.slots;
    slots[s + SLOT.OP] = job.op === "encrypt" ? 0 : 1;
    slots[s + SLOT.SESSION] = job.session.length;
    slots[s + SLOT.KEY] = job.key.length;
    slots[s + SLOT.IV] = job.iv?.length ?? 0;
    slots[s + SLOT.AAD] = job.aad.length;
    slots[s + SLOT.DATA] = job.data.length;
    slots[s + SLOT.REQUEST_AT] = requestAt;
    slots[s + SLOT.ANSWER_AT] = answerAt;
    slots[s + SLOT.ANSWER_CAPACITY] = answerBytes;
    let at = requestAt;
    at += job.session.copy(t.requests, at);
    at += job.key.copy(t.requests, at);
    if (job.iv) at += job.iv.copy(t.requests, at);
    at += job.aad.copy(t.requests, at);
    job.data.copy(t.requests, at);
    t.inFlight.push(pending);
    t.submitted = (t.submitted + 1) | 0;
    count++;
  }
  if (count === 0) return;
  pool.counters.submits++;
  pool.counters.jobsOnThreads += count;
  Atomics.store(t.control, CONTROL.SUBMITTED, t.submitted);
  Atomics.notify(t.control, CONTROL.SUBMITTED);
  awaitAnswers(t);
}

/** Waits (without blocking) until the thread has answered more jobs, then settles them. */
function awaitAnswers(t: CryptoThread): void {
  if (t.waiting || t.dead) return;
  t.waiting = true;
  t.worker.ref();
  const wait = waitAsync(t.control, CONTROL.DONE, t.done);
  const settleNow = () => {
    t.waiting = false;
    settle(t);
  };
  if (wait.value instanceof Promise) void wait.value.then(settleNow);
  else queueMicrotask(settleNow); // already answered ("not-equal")
}

function settle(t: CryptoThread): void {
  if (t.dead) return;
  const done = Atomics.load(t.control, CONTROL.DONE);
  for (; t.done !== done; t.done = (t.done + 1) | 0) {
    const s = ((t.done >>> 0) % SLOTS) * SLOT_FIELDS;
    const pending = t.inFlight.shift()!;
    const answerAt = t.slots[s + SLOT.ANSWER_AT]!;
    const answer = t.answers.subarray(answerAt, answerAt + t.slots[s + SLOT.ANSWER_LENGTH]!);
    const ok = t.slots[s + SLOT.STATUS] === 0;
    // Copied out: the ring space is handed out again.
    const out = Buffer.from(answer);
    const next = t.inFlight.length > 0 ? ((((t.done + 1) | 0) >>> 0) % SLOTS) * SLOT_FIELDS : -1;
    releaseOldest(t.requestRing, next < 0 ? undefined : t.slots[next + SLOT.REQUEST_AT]);
    releaseOldest(t.answerRing, next < 0 ? undefined : t.slots[next + SLOT.ANSWER_AT]);
    if (ok) pending.resolve(out);
    else pending.reject(threadError(out));
  }
  if (t.queue.length > 0) submit(cryptoPool(true), t);
  if (t.inFlight.length > 0) awaitAnswers(t);
  else t.worker.unref();
}

function threadError(json: Buffer): CryptoThreadError {
  let e: { name?: string; code?: number; method?: string; message?: string; stage?: number } = {};
  try {
    e = JSON.parse(json.toString("utf8")) as typeof e;
  } catch {
    // a truncated message: the generic error below
  }
  return Object.assign(new Error(e.message ?? "crypto thread job failed"), {
    name: e.name ?? "Error",
    code: e.code,
    method: e.method,
    stage: e.stage ?? 0,
  });
}

function failAll(t: CryptoThread, why: string): void {
  const error = () => hsmError("KMSInternalException", "The HSM reported an internal error.", { internalMessage: why });
  for (const p of t.inFlight.splice(0)) p.reject(error());
  for (const { pending } of t.queue.splice(0)) pending.reject(error());
  t.worker.unref();
}
