import "server-only";
import { Worker } from "node:worker_threads";
import type { Handle } from "pkcs11js";
import { env } from "@/lib/server/platform/env.ts";
import { hsmError } from "./errors.ts";
import { CRYPTO_THREAD_SOURCE } from "./crypto-thread-source.ts";
import { hsmState } from "./state.ts";
import { runGcmJobOnMainThread } from "./gcm-on-main-thread.ts";

// AES-GCM on PKCS#11 runs on a few worker threads (KEYHOLD_HSM_THREADS), so the second core carries
// it and the main thread keeps to HTTP, SigV4 and JSON. SoftHSM is initialised with CKF_OS_LOCKING_OK,
// which makes calls from several threads safe (softhsm-facts.md: worker threads 35k/57k ops/s with 1/2
// sessions; C_EncryptAsync is slower and C_EncryptInit has no async form). Jobs queue and go as one
// batch (packed in one transferred buffer) at the end of the event loop's turn or when the thread
// answers its last batch, so under load the main thread pays one message per batch, not per request;
// a lone job (the only one in its turn, the thread idle) runs on the main thread instead. One thread is the default: on 2 cores, two were slower (bench/RESULTS.md).
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
type CryptoThread = {
  index: number;
  worker: Worker;
  flags: Int32Array;
  /** Jobs waiting for the next flush. */
  queue: Array<{ job: GcmJob; pending: Pending }>;
  /** Batches sent and not answered yet, oldest first: a thread answers its batches in order. */
  inFlight: Pending[][];
  dead: boolean;
};
export type CryptoThreadCounters = { batches: number; jobsOnThreads: number; jobsOnMainThread: number };
export type CryptoThreadPool = { threads: CryptoThread[]; paused: number; flushScheduled: boolean; counters: CryptoThreadCounters };

const BUSY = 0;
const PAUSE = 1;
const PAUSED = 1;
const STOPPED = 2;
const FIELDS = 6;
const PAUSE_WAIT_MS = 5_000;

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
    // An idle thread gets what queued in this turn of the event loop at its end (flush); a busy one gets
    // what queued meanwhile as one batch when it answers (settle), or at the end of the turn.
    if (!pool.flushScheduled) {
      pool.flushScheduled = true;
      setImmediate(flush, pool);
    }
  });
}

/** How many batches went to the threads and how many jobs ran where, since the threads started (tests, diagnostics). */
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
    const load = t ? t.queue.length + t.inFlight.reduce((n, b) => n + b.length, 0) : 0;
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
        Atomics.store(t.flags, PAUSE, 0);
        Atomics.notify(t.flags, PAUSE);
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
  for (const t of live(pool)) holdThread(t, STOPPED);
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
      counters: { batches: 0, jobsOnThreads: 0, jobsOnMainThread: 0 },
    };
  return state.cryptoThreads;
}

function live(pool: CryptoThreadPool): CryptoThread[] {
  return pool.threads.filter((t) => t && !t.dead);
}

/** Sets PAUSE to `value` and waits (bounded) until the thread is out of any PKCS#11 call. */
function holdThread(t: CryptoThread, value: number): void {
  Atomics.store(t.flags, PAUSE, value);
  const deadline = Date.now() + PAUSE_WAIT_MS;
  while (Atomics.load(t.flags, BUSY) !== 0 && Date.now() < deadline) Atomics.wait(t.flags, BUSY, 1, 50);
  if (Atomics.load(t.flags, BUSY) !== 0) console.error(`[keyhold] crypto thread ${t.index} still busy after ${PAUSE_WAIT_MS} ms`);
}

function liveThread(t: CryptoThread | undefined, index: number): CryptoThread {
  if (t && !t.dead) return t;
  const loaded = hsmState().module;
  if (!loaded) throw hsmError("KMSInternalException", "The HSM is not available.", { internalMessage: "PKCS#11 module not loaded" });
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(CRYPTO_THREAD_SOURCE, {
    eval: true,
    workerData: { libPath: loaded.libPath, flags: flags.buffer },
    name: `keyhold-pkcs11-${index}`,
  });
  const thread: CryptoThread = { index, worker, flags, queue: [], inFlight: [], dead: false };
  worker.unref(); // held (ref) only while it has jobs, so a script's process can end
  worker.on("message", (answer: Answer) => settle(thread, answer));
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
  // A lone job (the only one this turn, every thread idle): one request in flight, where a message to
  // the thread and back would cost more latency than the call (~0.2 ms of a 0.5 ms request at one
  // connection). It runs here, on its thread's session, which is free: every batch sent to that thread
  // has been answered.
  const lone = threads.reduce((n, t) => n + t.queue.length, 0) === 1 && threads.every((t) => t.inFlight.length === 0);
  for (const t of threads) {
    if (lone && t.queue.length === 1 && !t.dead && pool.paused === 0) runHere(pool, t.queue.pop()!);
    else send(t);
  }
}

function runHere(pool: CryptoThreadPool, { job, pending }: { job: GcmJob; pending: Pending }): void {
  pool.counters.jobsOnMainThread++;
  try {
    pending.resolve(runGcmJobOnMainThread(job));
  } catch (e) {
    pending.reject(Object.assign(e as Error, { stage: (e as { stage?: number }).stage ?? 0 }));
  }
}

/** Sends the thread's queued jobs as one batch. */
function send(t: CryptoThread): void {
  if (t.queue.length === 0) return;
  if (t.dead) return failAll(t, "crypto thread ended");
  const batch = t.queue;
  t.queue = [];
  const counters = cryptoPool(true).counters;
  counters.batches++;
  counters.jobsOnThreads += batch.length;
  const { meta, bytes } = packJobs(batch.map((b) => b.job));
  if (t.inFlight.length === 0) t.worker.ref();
  t.inFlight.push(batch.map((b) => b.pending));
  t.worker.postMessage({ meta, bytes }, [meta.buffer, bytes.buffer]);
}

/** One buffer for a batch: per job its fields in order, the lengths in meta (see crypto-thread-source.ts). */
function packJobs(jobs: GcmJob[]): { meta: Int32Array<ArrayBuffer>; bytes: Uint8Array<ArrayBuffer> } {
  const meta = new Int32Array(jobs.length * FIELDS);
  let total = 0;
  jobs.forEach((j, i) => {
    const m = i * FIELDS;
    meta[m] = j.op === "encrypt" ? 0 : 1;
    total += meta[m + 1] = j.session.length;
    total += meta[m + 2] = j.key.length;
    total += meta[m + 3] = j.iv?.length ?? 0;
    total += meta[m + 4] = j.aad.length;
    total += meta[m + 5] = j.data.length;
  });
  const bytes = new Uint8Array(total);
  let at = 0;
  const put = (b: Uint8Array | undefined) => {
    if (!b) return;
    bytes.set(b, at);
    at += b.length;
  };
  for (const j of jobs) {
    put(j.session);
    put(j.key);
    put(j.iv);
    put(j.aad);
    put(j.data);
  }
  return { meta, bytes };
}

type Answer = {
  meta: Int32Array;
  bytes: Uint8Array;
  errors: Array<{ index: number; stage: number; name?: string; code?: number; method?: string; message: string }>;
};

function settle(t: CryptoThread, answer: Answer): void {
  const batch = t.inFlight.shift();
  if (t.inFlight.length === 0) {
    if (t.queue.length === 0) t.worker.unref();
    else send(t);
  }
  if (!batch) return;
  const errors = new Map(answer.errors.map((e) => [e.index, e]));
  let at = 0;
  for (let i = 0; i < batch.length; i++) {
    const length = answer.meta[i]!;
    const error = errors.get(i);
    if (length >= 0) {
      batch[i]!.resolve(Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset + at, length));
      at += length;
    } else {
      const e = Object.assign(new Error(error?.message ?? "crypto thread job failed"), {
        name: error?.name ?? "Error",
        code: error?.code,
        method: error?.method,
        stage: error?.stage ?? 0,
      });
      batch[i]!.reject(e);
    }
  }
}

function failAll(t: CryptoThread, why: string): void {
  const error = () => hsmError("KMSInternalException", "The HSM reported an internal error.", { internalMessage: why });
  for (const batch of t.inFlight.splice(0)) for (const p of batch) p.reject(error());
  for (const { pending } of t.queue.splice(0)) pending.reject(error());
  t.worker.unref();
}
