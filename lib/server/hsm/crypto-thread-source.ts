// The body of a PKCS#11 crypto thread (crypto-threads.ts), as CommonJS source for `new Worker(…, { eval:
// true })`: a file path would not survive Next's bundling of lib/server, and a function's toString()
// would carry whatever helpers the three compilers in use (tsx, vitest, Next) inject. Keep it small.
//
// pkcs11js is required by the thread itself, from the working directory's node_modules (an eval'd
// worker resolves from there): a path resolved in the main thread would be a module id in Next's bundle.
// The thread loads the PKCS#11 library the main thread has initialised (dlopen gives the same
// instance), so it never calls C_Initialize or C_Finalize; it runs batches of AES-GCM jobs on sessions
// and key handles the main thread owns. A batch comes as one packed buffer (transferred, not copied)
// and its answers go back the same way: see packJobs / unpackResults in crypto-threads.ts.
//   meta per job: op (0 encrypt, 1 decrypt), then the byte lengths of session, key, iv, aad, data
//   answer meta per job: status (0 ok, 1 failed), output length; failures carry an error object
// `flags` is shared with the main thread:
//   flags[0] BUSY   1 while this thread may be inside a PKCS#11 call
//   flags[1] PAUSE  0 run; 1 paused (the main thread closes sessions or logs out); 2 stopped (C_Finalize)
// A batch sets BUSY before it reads PAUSE, and the main thread sets PAUSE before it waits for BUSY to
// be 0, so a PKCS#11 call here never overlaps the main thread's exclusive ones.

export const CRYPTO_THREAD_SOURCE = String.raw`
"use strict";
const { parentPort, workerData } = require("node:worker_threads");
const pkcs11js = require("pkcs11js");
const p = new pkcs11js.PKCS11();
p.load(workerData.libPath);
const flags = new Int32Array(workerData.flags);
const BUSY = 0, PAUSE = 1, STOPPED = 2;
const IV_BYTES = 12, TAG_BYTES = 16, FIELDS = 6;

const gcm = (iv, aad) => ({
  mechanism: pkcs11js.CKM_AES_GCM,
  parameter: { type: pkcs11js.CK_PARAMS_AES_GCM_v240, iv, ivBits: iv.length * 8, aad, tagBits: TAG_BYTES * 8 },
});

// Encrypt answers iv ‖ ciphertext ‖ tag in one buffer, the IV from the token's RNG on this session.
function encrypt(session, key, aad, data) {
  const out = Buffer.alloc(IV_BYTES + data.length + TAG_BYTES);
  const iv = p.C_GenerateRandom(session, out.subarray(0, IV_BYTES));
  p.C_EncryptInit(session, gcm(iv, aad), key);
  return out.subarray(0, IV_BYTES + p.C_Encrypt(session, data, out.subarray(IV_BYTES)).length);
}

// Decrypt takes ciphertext ‖ tag; stage 1 (C_Decrypt) failing is a failed tag check on SoftHSM.
function decrypt(session, key, iv, aad, data, where) {
  p.C_DecryptInit(session, gcm(iv, aad), key);
  where.stage = 1;
  return p.C_Decrypt(session, data, Buffer.alloc(data.length));
}

function runBatch(meta, bytes) {
  const count = meta.length / FIELDS;
  const outputs = new Array(count);
  const errors = [];
  let at = 0;
  const take = (n) => bytes.subarray(at, (at += n));
  for (let i = 0; i < count; i++) {
    const m = i * FIELDS;
    const session = take(meta[m + 1]), key = take(meta[m + 2]), iv = take(meta[m + 3]), aad = take(meta[m + 4]), data = take(meta[m + 5]);
    const where = { stage: 0 };
    try {
      outputs[i] = meta[m] === 0 ? encrypt(session, key, aad, data) : decrypt(session, key, iv, aad, data, where);
    } catch (e) {
      outputs[i] = undefined;
      errors.push({ index: i, stage: where.stage, name: e && e.name, code: e && e.code, method: e && e.method, message: String(e && e.message) });
    }
  }
  return { outputs, errors };
}

function pack({ outputs, errors }) {
  const meta = new Int32Array(outputs.length);
  let total = 0;
  for (let i = 0; i < outputs.length; i++) {
    meta[i] = outputs[i] ? outputs[i].length : -1;
    if (outputs[i]) total += outputs[i].length;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const out of outputs) if (out) bytes.set(out, at), (at += out.length);
  return { meta, bytes, errors };
}

parentPort.on("message", ({ meta, bytes }) => {
  for (;;) {
    Atomics.store(flags, BUSY, 1);
    const pause = Atomics.load(flags, PAUSE);
    if (pause === 0) break;
    Atomics.store(flags, BUSY, 0);
    Atomics.notify(flags, BUSY);
    if (pause === STOPPED) return;
    Atomics.wait(flags, PAUSE, pause);
  }
  let answer;
  try {
    answer = pack(runBatch(meta, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  } finally {
    Atomics.store(flags, BUSY, 0);
    Atomics.notify(flags, BUSY);
  }
  parentPort.postMessage(answer, [answer.meta.buffer, answer.bytes.buffer]);
});
`;
