// The body of a PKCS#11 crypto thread (crypto-threads.ts), as CommonJS source for `new Worker(…, { eval:
// true })`: a file path would not survive Next's bundling of lib/server, and a function's toString()
// would carry whatever helpers the three compilers in use (tsx, vitest, Next) inject. Keep it small.
//
// pkcs11js is required by the thread itself, from the working directory's node_modules (an eval'd
// worker resolves from there): a path resolved in the main thread would be a module id in Next's bundle.
// The thread loads the PKCS#11 library the main thread has initialised (dlopen gives the same
// instance), so it never calls C_Initialize or C_Finalize; it runs AES-GCM jobs on sessions and key
// handles the main thread owns.
//
// Jobs come through shared memory, not messages (a message each way cost the main thread ~15 µs per
// request): the main thread writes a job into the next slot (SLOT_FIELDS int32s) and its bytes into the
// request ring, bumps SUBMITTED and notifies; this thread runs every job up to SUBMITTED, writes each
// answer at the place the slot names in the answer ring, then stores DONE and notifies (the main thread
// waits for it with Atomics.waitAsync). Slots and ring space are the main thread's to allocate and free.
//   slot: op (0 encrypt, 1 decrypt), byte lengths of session, key, iv, aad, data; request offset;
//         answer offset, answer capacity; status (0 ok, 1 failed), answer length
//   a failed job's answer is JSON { name, code, method, message, stage } (stage 1: C_Decrypt itself)
// `control` (Int32Array) is shared with the main thread:
//   [BUSY]      1 while this thread may be inside a PKCS#11 call
//   [PAUSE]     0 run; 1 paused (the main thread closes sessions or logs out); 2 stopped (C_Finalize)
//   [SUBMITTED] jobs submitted so far (wraps at 2^32), [DONE] jobs answered so far
// A pass sets BUSY before it reads PAUSE, and the main thread sets PAUSE before it waits for BUSY to be
// 0, so a PKCS#11 call here never overlaps the main thread's exclusive ones.

export const CONTROL = { BUSY: 0, PAUSE: 1, SUBMITTED: 2, DONE: 3, LENGTH: 4 } as const;
export const SLOT = {
  OP: 0,
  SESSION: 1,
  KEY: 2,
  IV: 3,
  AAD: 4,
  DATA: 5,
  REQUEST_AT: 6,
  ANSWER_AT: 7,
  ANSWER_CAPACITY: 8,
  STATUS: 9,
  ANSWER_LENGTH: 10,
} as const;
export const SLOT_FIELDS = 11;

export const CRYPTO_THREAD_SOURCE = String.raw`
"use strict";
const { workerData } = require("node:worker_threads");
const pkcs11js = require("pkcs11js");
const p = new pkcs11js.PKCS11();
p.load(workerData.libPath);
const control = new Int32Array(workerData.control);
const slots = new Int32Array(workerData.slots);
const requests = Buffer.from(workerData.requests);
const answers = Buffer.from(workerData.answers);
const C = ${JSON.stringify(CONTROL)}, S = ${JSON.stringify(SLOT)}, FIELDS = ${SLOT_FIELDS};
const SLOTS = slots.length / FIELDS;
const STOPPED = 2, IV_BYTES = 12, TAG_BYTES = 16;

const gcm = (iv, aad) => ({
  mechanism: pkcs11js.CKM_AES_GCM,
  parameter: { type: pkcs11js.CK_PARAMS_AES_GCM_v240, iv, ivBits: iv.length * 8, aad, tagBits: TAG_BYTES * 8 },
});

// Encrypt writes iv ‖ ciphertext ‖ tag into out, the IV from the token's RNG on this session.
function encrypt(session, key, aad, data, out) {
  const iv = p.C_GenerateRandom(session, out.subarray(0, IV_BYTES));
  p.C_EncryptInit(session, gcm(iv, aad), key);
  return IV_BYTES + p.C_Encrypt(session, data, out.subarray(IV_BYTES)).length;
}

// Decrypt takes ciphertext ‖ tag; stage 1 (C_Decrypt) failing is a failed tag check on SoftHSM.
function decrypt(session, key, iv, aad, data, out, where) {
  p.C_DecryptInit(session, gcm(iv, aad), key);
  where.stage = 1;
  // out has room for the whole input (SoftHSM asks for it); the plaintext is 16 bytes shorter.
  return p.C_Decrypt(session, data, out).length;
}

function runJob(index) {
  const s = index * FIELDS;
  let at = slots[s + S.REQUEST_AT];
  const take = (n) => requests.subarray(at, (at += n));
  const session = take(slots[s + S.SESSION]), key = take(slots[s + S.KEY]), iv = take(slots[s + S.IV]), aad = take(slots[s + S.AAD]), data = take(slots[s + S.DATA]);
  const out = answers.subarray(slots[s + S.ANSWER_AT], slots[s + S.ANSWER_AT] + slots[s + S.ANSWER_CAPACITY]);
  const where = { stage: 0 };
  try {
    slots[s + S.ANSWER_LENGTH] = slots[s + S.OP] === 0 ? encrypt(session, key, aad, data, out) : decrypt(session, key, iv, aad, data, out, where);
    slots[s + S.STATUS] = 0;
  } catch (e) {
    const error = Buffer.from(JSON.stringify({ stage: where.stage, name: e && e.name, code: e && e.code, method: e && e.method, message: String(e && e.message).slice(0, 300) }));
    slots[s + S.ANSWER_LENGTH] = error.copy(out);
    slots[s + S.STATUS] = 1;
  }
}

let done = 0;
for (;;) {
  const submitted = Atomics.load(control, C.SUBMITTED);
  if (submitted === done && Atomics.load(control, C.PAUSE) !== STOPPED) {
    Atomics.wait(control, C.SUBMITTED, done);
    continue;
  }
  Atomics.store(control, C.BUSY, 1);
  const pause = Atomics.load(control, C.PAUSE);
  if (pause !== 0) {
    Atomics.store(control, C.BUSY, 0);
    Atomics.notify(control, C.BUSY);
    if (pause === STOPPED) break;
    Atomics.wait(control, C.PAUSE, pause);
    continue;
  }
  try {
    for (; done !== submitted; done = (done + 1) | 0) runJob((done >>> 0) % SLOTS);
  } finally {
    Atomics.store(control, C.BUSY, 0);
    Atomics.notify(control, C.BUSY);
  }
  Atomics.store(control, C.DONE, done);
  Atomics.notify(control, C.DONE);
}
`;
