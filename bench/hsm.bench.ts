// AES-256-GCM throughput on one SoftHSM token key (through lib/server/hsm: session pool, HSM IV,
// 128-bit tag, 32-byte AAD) next to node:crypto on the same payloads. Uses its own temp data dir.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type HsmBenchRow = { operation: "encrypt" | "decrypt"; bytes: number; hsmOps: number; nodeOps: number };

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

const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9);

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
  const { closeModule } = await import("@/lib/server/hsm/module.ts");
  const rows: HsmBenchRow[] = [];
  try {
    const pin = crypto.randomBytes(12).toString("hex");
    initToken({ label: "bench", soPin: crypto.randomBytes(12).toString("hex"), userPin: pin });
    login("bench", pin);
    const label = "arn:aws:kms:us-east-1:111122223333:key/bench";
    await generateAesKey("bench", label);
    const nodeKey = crypto.randomBytes(32);
    const aad = crypto.randomBytes(32);

    console.log(`\nAES-256-GCM, one SoftHSM token key, 32 B AAD (median of ${repeats} × ${seconds} s, sequential awaits)`);
    console.log("operation  payload   SoftHSM ops/s   node:crypto ops/s   SoftHSM / node");
    for (const bytes of options.sizes ?? SIZES) {
      const plaintext = crypto.randomBytes(bytes);
      const hsmSealed = await encryptGcm("bench", label, plaintext, aad);
      const nodeSealed = nodeEncrypt(nodeKey, plaintext, aad);
      const pairs = [
        ["encrypt", () => encryptGcm("bench", label, plaintext, aad), () => nodeEncrypt(nodeKey, plaintext, aad)],
        ["decrypt", () => decryptGcm("bench", label, hsmSealed, aad), () => nodeDecrypt(nodeKey, nodeSealed, aad)],
      ] as const;
      for (const [operation, hsm, node] of pairs) {
        const hsmOps = await opsPerSecond(hsm, seconds, repeats);
        const nodeOps = withNode ? await opsPerSecond(node, seconds, repeats) : NaN;
        rows.push({ operation, bytes, hsmOps, nodeOps });
        const size = bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;
        console.log(
          `${operation.padEnd(9)}  ${size.padEnd(7)}  ${fmt(hsmOps)}       ${fmt(nodeOps)}           ${(hsmOps / nodeOps).toFixed(2)}`,
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
