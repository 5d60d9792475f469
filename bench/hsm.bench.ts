// AES-256-GCM throughput on one SoftHSM token key next to node:crypto on the same payloads. "SoftHSM"
// is raw PKCS#11 in this thread (a session from the pool; C_GenerateRandom for the IV, C_EncryptInit +
// C_Encrypt, 128-bit tag, 32-byte AAD): the denominator of the wire bench's ratio. The product's own
// encryptGcm / decryptGcm, which run on the crypto threads (hsm/crypto-threads.ts), are measured after
// it with 32 calls in flight. Uses its own temp data dir.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type HsmBenchRow = { operation: "encrypt" | "decrypt"; bytes: number; hsmOps: number; nodeOps: number; threadedOps: number };

const SIZES = [32, 4096];

/** Median ops/s of `repeats` runs of `seconds` each, calling fn in a loop (awaited). */
async function opsPerSecond(fn: () => unknown, seconds: number, repeats: number): Promise<number> {
  const results: number[] = [];
  for (let r = 0; r < repeats + 1; r++) {
    const end = process.hrtime.bigint() + BigInt(Math.round((r === 0 ? 0.2 : seconds) * 1e9));
    const start = process.hrtime.bigint();
    let n = 0;
    while ((n & 63) !== 0 || process.hrtime.bigint() < end) {
      await fn();
      n++;
    }
    if (r > 0) results.push(n / (Number(process.hrtime.bigint() - start) / 1e9)); // r = 0 is warm-up
  }
  return results.sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
}

/** Ops/s of fn with `inFlight` calls outstanding at once, for `seconds`. */
async function concurrentOpsPerSecond(fn: () => Promise<unknown>, seconds: number, inFlight: number): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await fn();
        n++;
      }
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

function nodeEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function nodeDecrypt(key: Buffer, sealed: { iv: Buffer; ciphertext: Buffer; tag: Buffer }, aad: Buffer) {
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, sealed.iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

/** ops/s, or "–" for a figure not measured in this run (node:crypto when the wire bench asks only for SoftHSM). */
const fmt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–").padStart(9);

export async function hsmBench(
  options: { seconds?: number; repeats?: number; sizes?: number[]; withNode?: boolean } = {},
): Promise<HsmBenchRow[]> {
  const seconds = options.seconds ?? 1;
  const repeats = options.repeats ?? 3;
  const withNode = options.withNode ?? true;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-bench-hsm-"));
  const saved = { data: process.env.KEYHOLD_DATA_DIR, conf: process.env.SOFTHSM2_CONF };
  process.env.KEYHOLD_DATA_DIR = dir;
  delete process.env.SOFTHSM2_CONF;
  // Server modules are loaded only now, so they see the temp data dir.
  const { initToken } = await import("@/lib/server/hsm/tokens.ts");
  const { login } = await import("@/lib/server/hsm/session-pool.ts");
  const { generateAesKey } = await import("@/lib/server/hsm/keys.ts");
  const { encryptGcm, decryptGcm } = await import("@/lib/server/hsm/aes-gcm.ts");
  const { closeModule, pkcs11 } = await import("@/lib/server/hsm/module.ts");
  const { withTokenSession } = await import("@/lib/server/hsm/session-pool.ts");
  const { keyHandle } = await import("@/lib/server/hsm/key-index.ts");
  const { default: pkcs11js } = await import("pkcs11js");
  const rows: HsmBenchRow[] = [];
  try {
    const pin = crypto.randomBytes(12).toString("hex");
    initToken({ label: "bench", soPin: crypto.randomBytes(12).toString("hex"), userPin: pin });
    login("bench", pin);
    const label = "arn:aws:kms:us-east-1:111122223333:key/bench";
    await generateAesKey("bench", label);
    const nodeKey = crypto.randomBytes(32);
    const aad = crypto.randomBytes(32);

    const gcm = (iv: Buffer) => ({
      mechanism: pkcs11js.CKM_AES_GCM,
      parameter: { type: pkcs11js.CK_PARAMS_AES_GCM_v240, iv, ivBits: 96, aad, tagBits: 128 },
    });
    const rawEncrypt = (plaintext: Buffer) =>
      withTokenSession("bench", (session, token) => {
        const p = pkcs11();
        const iv = p.C_GenerateRandom(session, Buffer.alloc(12));
        p.C_EncryptInit(session, gcm(iv), keyHandle(token, label));
        return p.C_Encrypt(session, plaintext, Buffer.alloc(plaintext.length + 16));
      });
    const rawDecrypt = (sealed: { iv: Buffer; ciphertext: Buffer; tag: Buffer }) =>
      withTokenSession("bench", (session, token) => {
        const p = pkcs11();
        const input = Buffer.concat([sealed.ciphertext, sealed.tag]);
        p.C_DecryptInit(session, gcm(sealed.iv), keyHandle(token, label));
        return p.C_Decrypt(session, input, Buffer.alloc(input.length));
      });

    console.log(`\nAES-256-GCM, one SoftHSM token key, 32 B AAD (median of ${repeats} × ${seconds} s, sequential awaits)`);
    console.log(
      "operation  payload   SoftHSM ops/s   node:crypto ops/s   SoftHSM / node   encryptGcm/decryptGcm on the crypto threads, 32 in flight",
    );
    for (const bytes of options.sizes ?? SIZES) {
      const plaintext = crypto.randomBytes(bytes);
      const hsmSealed = await encryptGcm("bench", label, plaintext, aad);
      const nodeSealed = nodeEncrypt(nodeKey, plaintext, aad);
      const pairs = [
        [
          "encrypt",
          () => rawEncrypt(plaintext),
          () => nodeEncrypt(nodeKey, plaintext, aad),
          () => encryptGcm("bench", label, plaintext, aad),
        ],
        [
          "decrypt",
          () => rawDecrypt(hsmSealed),
          () => nodeDecrypt(nodeKey, nodeSealed, aad),
          () => decryptGcm("bench", label, hsmSealed, aad),
        ],
      ] as const;
      for (const [operation, hsm, node, threaded] of pairs) {
        const hsmOps = await opsPerSecond(hsm, seconds, repeats);
        const nodeOps = withNode ? await opsPerSecond(node, seconds, repeats) : NaN;
        const threadedOps = await concurrentOpsPerSecond(threaded, seconds, 32);
        rows.push({ operation, bytes, hsmOps, nodeOps, threadedOps });
        const size = bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;
        console.log(
          `${operation.padEnd(9)}  ${size.padEnd(7)}  ${fmt(hsmOps)}       ${fmt(nodeOps)}           ${(withNode ? (hsmOps / nodeOps).toFixed(2) : "–").padStart(5)}          ${fmt(threadedOps)}`,
        );
      }
    }
  } finally {
    closeModule();
    fs.rmSync(dir, { recursive: true, force: true });
    if (saved.data === undefined) delete process.env.KEYHOLD_DATA_DIR;
    else process.env.KEYHOLD_DATA_DIR = saved.data;
    if (saved.conf !== undefined) process.env.SOFTHSM2_CONF = saved.conf;
  }
  return rows;
}
