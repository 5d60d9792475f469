// Encrypt and Decrypt through the local KMS endpoint as the AWS CLI and SDKs reach it: the real
// @aws-sdk/client-kms signing every request with SigV4, over HTTP (keep-alive) to handleAwsRequest with
// every real operation, served by its own process (test/local-kms-service-process.ts: SQLite and SoftHSM
// in a temp data dir, the same dispatcher as POST /api/aws without Next's routing). Keys: one in a
// CloudHSM key store (two-HSM local cluster) and one AWS_KMS key (default token). Payloads 32 B and
// 4 KiB, 1 and 32 concurrent clients; requests per second and p50/p99 latency, beside the raw PKCS#11
// AES-GCM figure of hsm.bench.ts for the same payload.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient } from "@aws-sdk/client-kms";
import { ALICE, REGION } from "@/test/local-kms-test-service.ts";
import { spawnLocalKmsService } from "@/test/spawn-local-kms-service.ts";
import type { HsmBenchRow } from "./hsm.bench.ts";

export type KmsEndpointBenchRow = {
  operation: "Encrypt" | "Decrypt";
  key: "CloudHSM key store" | "AWS_KMS";
  bytes: number;
  clients: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
};

const SIZES = [32, 4096];
const CLIENTS = [1, 32];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** `clients` loops, each awaiting `call` back to back for `seconds`; latencies in ms. */
async function drive(clients: KMSClient[], call: (c: KMSClient) => Promise<unknown>, seconds: number) {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await call(c);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { requestsPerSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), errors };
}

function sdkClient(url: string): KMSClient {
  return new KMSClient({
    endpoint: url,
    region: REGION,
    credentials: ALICE,
    maxAttempts: 1,
    requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 1 }) },
  });
}

const size = (bytes: number) => (bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`);
const num = (n: number, width: number, digits = 0) =>
  (Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–").padStart(width);

export async function kmsEndpointBench(options: { seconds?: number; hsmRows?: HsmBenchRow[] } = {}): Promise<KmsEndpointBenchRow[]> {
  const seconds = options.seconds ?? 2;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-bench-kms-"));
  // The per-store quota (1,800/s) would cap the CloudHSM rows: lifted here, so the figures show the
  // service's own capacity.
  const service = await spawnLocalKmsService({ dataDir, withStore: true, env: { KEYHOLD_CKS_CRYPTO_RPS: "1000000" } });
  const rows: KmsEndpointBenchRow[] = [];
  try {
    const admin = sdkClient(service.url);
    const keys = {
      "CloudHSM key store": (await admin.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: service.storeId })))
        .KeyMetadata!.KeyId!,
      AWS_KMS: (await admin.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!,
    } as const;
    const pool = Array.from({ length: Math.max(...CLIENTS) }, () => sdkClient(service.url));
    const context = { bench: "kms-endpoint" };

    console.log(`\nKMS endpoint over HTTP, SigV4 (@aws-sdk/client-kms, keep-alive), ${seconds} s per row, service in its own process`);
    console.log("operation  key                 payload  clients      req/s    p50 ms    p99 ms  errors   raw PKCS#11 ops/s");
    for (const [keyName, keyId] of Object.entries(keys) as [KmsEndpointBenchRow["key"], string][]) {
      for (const bytes of SIZES) {
        const plaintext = crypto.randomBytes(bytes);
        const blob = (await admin.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context })))
          .CiphertextBlob!;
        const calls = {
          Encrypt: (c: KMSClient) => c.send(new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context })),
          Decrypt: (c: KMSClient) => c.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context })),
        };
        for (const operation of ["Encrypt", "Decrypt"] as const) {
          for (const clients of CLIENTS) {
            await drive(pool.slice(0, clients), calls[operation], 0.3); // warm-up
            const r = await drive(pool.slice(0, clients), calls[operation], seconds);
            rows.push({ operation, key: keyName, bytes, clients, ...r });
            const raw = options.hsmRows?.find((h) => h.bytes === bytes && h.operation === operation.toLowerCase());
            console.log(
              `${operation.padEnd(9)}  ${keyName.padEnd(18)}  ${size(bytes).padEnd(7)}  ${String(clients).padStart(7)}  ${num(r.requestsPerSecond, 9)}  ${num(r.p50Ms, 8, 2)}  ${num(r.p99Ms, 8, 2)}  ${String(r.errors).padStart(6)}   ${raw ? num(raw.hsmOps, 17) : "–".padStart(17)}`,
            );
          }
        }
      }
    }
    for (const c of [admin, ...pool]) c.destroy();
  } finally {
    await service.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
