import "server-only";
import pkcs11js from "pkcs11js";
import type { AesGCM, Mechanism } from "pkcs11js";
import type { GcmJob } from "./crypto-threads.ts";
import { pkcs11 } from "./module.ts";

// One AES-GCM job run on the main thread, with the same PKCS#11 calls as the crypto thread's body
// (crypto-thread-source.ts): for a lone request, where a message to the thread and back costs more
// latency than the call itself (crypto-threads.ts decides when).

const IV_BYTES = 12;
const TAG_BYTES = 16;

const gcm = (iv: Buffer, aad: Buffer): Mechanism => {
  const parameter: AesGCM = { type: pkcs11js.CK_PARAMS_AES_GCM_v240, iv, ivBits: iv.length * 8, aad, tagBits: TAG_BYTES * 8 };
  return { mechanism: pkcs11js.CKM_AES_GCM, parameter };
};

/** Encrypt: iv ‖ ciphertext ‖ tag (the IV from the token's RNG); decrypt: the plaintext. Throws as the thread reports (stage 1: C_Decrypt). */
export function runGcmJobOnMainThread(job: GcmJob): Buffer {
  const p = pkcs11();
  if (job.op === "encrypt") {
    const out = Buffer.alloc(IV_BYTES + job.data.length + TAG_BYTES);
    const iv = p.C_GenerateRandom(job.session, out.subarray(0, IV_BYTES));
    p.C_EncryptInit(job.session, gcm(iv, job.aad), job.key);
    return out.subarray(0, IV_BYTES + p.C_Encrypt(job.session, job.data, out.subarray(IV_BYTES)).length);
  }
  p.C_DecryptInit(job.session, gcm(job.iv!, job.aad), job.key);
  try {
    return p.C_Decrypt(job.session, job.data, Buffer.alloc(job.data.length));
  } catch (e) {
    throw Object.assign(e as Error, { stage: 1 });
  }
}
