// Encrypt and Decrypt through the XKS proxy as KMS reaches it: its own process (set up by
// `lib/xks-proxy/main.ts setup` in a temp data dir, then `serve`), HTTPS with keep-alive, SigV4 (service
// kms-xks-proxy) on every request, at 1 and 32 concurrent clients, beside raw PKCS#11 AES-GCM on a token
// key measured in the same run (hsm.bench.ts). The client is light on purpose (node:https, one keep-alive
// socket per client, each request's signature computed once and reused for two seconds) so that the
// figures are the proxy's. Then memory: 10,000 Encrypts at 32 clients to settle, 100,000 more in ten rounds
// with the proxy's RSS after each round.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { parse, stringify } from "smol-toml";
import { send, signXks, type XksCredential } from "@/test/xks-client.ts";
import { hsmBench, type HsmBenchRow } from "./hsm.bench.ts";

export type XksBenchRow = {
  operation: "Encrypt" | "Decrypt";
  bytes: number;
  clients: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
};

const CLIENTS = [1, 32];
const SIZES = [32, 4096];
const RESIGN_MS = 2000;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

/** CPU time (user + system) the process has used, in ms (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssKiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : NaN;
}

/** A request whose signature is renewed every RESIGN_MS (x-amz-date must stay within 5 minutes). */
function presigned(host: string, apiPath: string, body: string, credential: XksCredential) {
  let headers = signXks({ host, path: apiPath, body, credential });
  let signedAt = performance.now();
  return () => {
    if (performance.now() - signedAt > RESIGN_MS) {
      headers = signXks({ host, path: apiPath, body, credential });
      signedAt = performance.now();
    }
    return headers;
  };
}

async function drive(
  url: string,
  agents: https.Agent[],
  request: { path: string; body: string; headers: () => Record<string, string> },
  limit: { seconds?: number; requests?: number },
) {
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const start = performance.now();
  const end = start + (limit.seconds ?? 1e9) * 1000;
  await Promise.all(
    agents.map(async (agent) => {
      while (performance.now() < end && (limit.requests === undefined || issued < limit.requests)) {
        issued++;
        const t = performance.now();
        const r = await send(url, { path: request.path, headers: request.headers(), body: request.body, agent });
        if (r.status === 200) latencies.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
    count: latencies.length,
  };
}

const num = (n: number, width: number, digits = 0) =>
  (Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–").padStart(width);
const size = (bytes: number) => (bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`);

export async function xksProxyBench(
  options: { seconds?: number; hsmRows?: HsmBenchRow[]; soakRequests?: number } = {},
): Promise<XksBenchRow[]> {
  const seconds = options.seconds ?? 3;
  const hsmRows = options.hsmRows ?? (await hsmBench());
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-bench-xks-"));
  const main = path.resolve("lib/xks-proxy/main.ts");
  const node = (args: string[]) => [process.execPath, ["--import", "tsx", "--conditions=react-server", main, ...args]] as const;
  const env: NodeJS.ProcessEnv = { ...process.env, KEYHOLD_DATA_DIR: dataDir };
  delete env.SOFTHSM2_CONF;
  delete env.XKS_PROXY_SETTINGS_TOML;
  const rows: XksBenchRow[] = [];
  const setup = spawnSync(...node(["setup"]), { env, encoding: "utf8" });
  if (setup.status !== 0) throw new Error(`xks-proxy setup failed: ${setup.stderr}`);
  const consoleFile = JSON.parse(setup.stdout.slice(setup.stdout.indexOf("{")).replace(/^ {8}/gm, "")) as {
    XksProxyUriPath: string;
    XksProxyAuthenticationCredential: { AccessKeyId: string; RawSecretAccessKey: string };
  };
  const credential = {
    accessKeyId: consoleFile.XksProxyAuthenticationCredential.AccessKeyId,
    secretAccessKey: consoleFile.XksProxyAuthenticationCredential.RawSecretAccessKey,
  };
  // The default prefix's quota (1,800/s, KMS's) would cap the figures: lifted here.
  const settingsFile = path.join(dataDir, "xks-proxy", "settings.toml");
  const settings = parse(fs.readFileSync(settingsFile, "utf8")) as any;
  settings.external_key_stores[0].throttle_rps = 1_000_000;
  fs.writeFileSync(settingsFile, stringify(settings));

  // The proxy logs every request to a file, as under npm start: a pipe read by this busy process would
  // make its (synchronous) log writes wait for the reader.
  const [cmd, args] = node(["serve", "--port", "0"]);
  const logFile = path.join(dataDir, "proxy.log");
  const child = spawn(cmd, args, { env, stdio: ["ignore", fs.openSync(logFile, "a"), "inherit"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const poll = setInterval(() => {
        const line = fs.existsSync(logFile)
          ? fs
              .readFileSync(logFile, "utf8")
              .split("\n")
              .find((l) => l.includes('"listening"'))
          : undefined;
        if (line) {
          clearInterval(poll);
          resolve(JSON.parse(line).url as string);
        }
      }, 50);
      child.once("exit", (code) => {
        clearInterval(poll);
        reject(new Error(`xks-proxy exited (${code})`));
      });
    });
    const ca = fs.readFileSync(path.join(dataDir, "xks-proxy", "tls", "ca.crt"));
    const agents = Array.from({ length: Math.max(...CLIENTS) }, () => new https.Agent({ keepAlive: true, maxSockets: 1, ca }));
    const host = new URL(url).host;
    const apiPath = (op: string) => `${consoleFile.XksProxyUriPath}/keys/keyhold-demo-key/${op}`;
    const meta = {
      awsPrincipalArn: "arn:aws:iam::111122223333:user/bench",
      kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/bench",
      kmsRequestId: "bench",
    };
    const aad = crypto.randomBytes(32).toString("base64");

    console.log(
      `\nXKS proxy over HTTPS (TLS 1.3, keep-alive), SigV4 kms-xks-proxy, ${seconds} s per row, proxy in its own process, 32 B AAD`,
    );
    console.log(
      "operation  payload  clients      req/s    p50 ms    p99 ms  errors   raw PKCS#11 ops/s   proxy / raw   proxy-added p50 ms",
    );
    for (const bytes of SIZES) {
      const encryptBody = JSON.stringify({
        requestMetadata: { ...meta, kmsOperation: "Encrypt" },
        plaintext: crypto.randomBytes(bytes).toString("base64"),
        encryptionAlgorithm: "AES_GCM",
        additionalAuthenticatedData: aad,
      });
      const sealed = (
        await send(url, {
          path: apiPath("encrypt"),
          headers: signXks({ host, path: apiPath("encrypt"), body: encryptBody, credential }),
          body: encryptBody,
          agent: agents[0]!,
        })
      ).json as Record<string, string>;
      const decryptBody = JSON.stringify({
        requestMetadata: { ...meta, kmsOperation: "Decrypt" },
        ciphertext: sealed.ciphertext,
        initializationVector: sealed.initializationVector,
        authenticationTag: sealed.authenticationTag,
        ciphertextMetadata: sealed.ciphertextMetadata,
        encryptionAlgorithm: "AES_GCM",
        additionalAuthenticatedData: aad,
      });
      const requests = {
        Encrypt: { path: apiPath("encrypt"), body: encryptBody, headers: presigned(host, apiPath("encrypt"), encryptBody, credential) },
        Decrypt: { path: apiPath("decrypt"), body: decryptBody, headers: presigned(host, apiPath("decrypt"), decryptBody, credential) },
      };
      for (const operation of ["Encrypt", "Decrypt"] as const) {
        const raw = hsmRows.find((h) => h.bytes === bytes && h.operation === operation.toLowerCase());
        for (const clients of CLIENTS) {
          await drive(url, agents.slice(0, clients), requests[operation], { seconds: 0.5 }); // warm-up
          const cpuBefore = cpuMs(child.pid!);
          const r = await drive(url, agents.slice(0, clients), requests[operation], { seconds });
          const cpuPerRequest = ((cpuMs(child.pid!) - cpuBefore) * 1000) / Math.max(1, r.count);
          rows.push({
            operation,
            bytes,
            clients,
            requestsPerSecond: r.requestsPerSecond,
            p50Ms: r.p50Ms,
            p99Ms: r.p99Ms,
            errors: r.errors,
          });
          const rawMs = raw ? 1000 / raw.hsmOps : NaN;
          console.log(
            `${operation.padEnd(9)}  ${size(bytes).padEnd(7)}  ${String(clients).padStart(7)}  ${num(r.requestsPerSecond, 9)}  ${num(r.p50Ms, 8, 2)}  ${num(r.p99Ms, 8, 2)}  ${String(r.errors).padStart(6)}   ${num(raw?.hsmOps ?? NaN, 17)}   ${num(raw ? r.requestsPerSecond / raw.hsmOps : NaN, 11, 3)}   ${clients === 1 ? num(r.p50Ms - rawMs, 18, 3) : "".padStart(18)}   ${num(cpuPerRequest, 16)}`,
          );
        }
      }
      if (bytes === SIZES[0]) {
        // Memory: 10,000 requests to settle, then 100,000 in ten rounds with the proxy's RSS after each.
        const soak = options.soakRequests ?? 100_000;
        await drive(url, agents, requests.Encrypt, { requests: 10_000 });
        const start = rssKiB(child.pid!);
        const samples: number[] = [];
        let count = 0;
        let errors = 0;
        let worstP99 = 0;
        const t0 = performance.now();
        for (let round = 0; round < 10; round++) {
          const r = await drive(url, agents, requests.Encrypt, { requests: soak / 10 });
          count += r.count;
          errors += r.errors;
          worstP99 = Math.max(worstP99, r.p99Ms);
          samples.push(rssKiB(child.pid!));
        }
        const seconds = (performance.now() - t0) / 1000;
        const mib = (k: number) => (k / 1024).toFixed(1);
        const spread = ((Math.max(...samples, start) - Math.min(...samples, start)) / start) * 100;
        console.log(
          `\nsoak: ${count.toLocaleString("en-US")} Encrypts (${size(bytes)}) at 32 clients in ${seconds.toFixed(1)} s (${num(count / seconds, 0)} req/s, worst round p99 ${worstP99.toFixed(2)} ms, ${errors} errors)`,
        );
        console.log(
          `      proxy RSS after warm-up ${mib(start)} MiB; after each 10,000: ${samples.map(mib).join(", ")} MiB; end ${(((samples.at(-1)! - start) / start) * 100).toFixed(1)} % from start, spread ${spread.toFixed(1)} %\n`,
        );
      }
    }
    for (const a of agents) a.destroy();
  } finally {
    child.kill("SIGTERM");
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}
