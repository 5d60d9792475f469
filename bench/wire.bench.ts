// `npm run bench -- wire`: the /api/aws endpoint of the REAL server process (server.ts, production
// build in .next, the path `npm start` runs), under a light load generator that lives in this process:
// SigV4-signed Encrypt / Decrypt requests (32 B) replayed over N keep-alive connections (a minimal
// HTTP/1.1 client, support/raw-http-client.ts, ~4× cheaper per request than node:http's), re-signed every RESIGN_MS with the project's own SigV4 code
// (platform/sigv4/sigv4-canonical.ts), so the client costs a small fraction of the server. Prints req/s,
// p50, p99 and errors at 1, 8 and 32 connections for an AWS_KMS key and a key in a CloudHSM key store
// (quota lifted with KEYHOLD_CKS_CRYPTO_RPS), unsigned requests rejected per second, signed callers
// while an unsigned flood runs, and raw PKCS#11 AES-GCM measured in the same run (hsm.bench.ts) with the
// ratio. Each figure has the issue's target beside it (issue 13). Beside the server's CPU µs per request
// (all threads) it prints its main thread's (the one JavaScript thread, the bottleneck; PKCS#11 runs on
// the crypto thread, hsm/crypto-threads.ts).
//
// KEYHOLD_BENCH_PROFILE=1 runs the server with `node --cpu-prof` and prints its top frames by self time.
// The server runs with the status poller off (KEYHOLD_STATUS_POLLER=off), so only the bench's requests load it.
//
// Server profiles of whole bench runs (self time, idle left out; 2 shared cores at load average ~6):
//   before the hot-path caches          after them (access keys, keys + store, signing key in memory)
//    4.6 %  performIO (better-sqlite3)   23.4 %  writev (the response; kernel loopback)
//    4.3 %  pkcs11js (C_Encrypt…)        16.4 %  pkcs11js (C_EncryptInit + C_Encrypt)
//    3.3 %  writev                        4.9 %  (garbage collector)
//    3.2 %  prepare (better-sqlite3)      2.7 %  executeIO (better-sqlite3: the batched audit INSERTs)
//    2.8 %  (garbage collector)           1.9 %  handleAwsRequest
//    1.3 %  Ni (Prisma client runtime)    1.5 %  verifySigV4
//    0.8 %  interpretNode (Prisma)        1.1 %  Hmac
//    0.7 %  Hmac                          1.1 %  parseRequestTime
//    0.7 %  executeIO (better-sqlite3)    0.8 %  Date (Next's patched Date constructor)
//    0.6 %  handleAwsRequest              0.8 %  recordAwsRequest (audit row)
// (before: the server was idle 52 % of the run, waiting on SQLite reads of keys and access keys per
// request; Prisma's runtime frames are gone from the top after.)
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { normalizeHeaders } from "@/lib/server/platform/sigv4/http-types.ts";
import {
  canonicalRequest,
  credentialScope,
  sha256Hex,
  signatureHex,
  signingKey,
  stringToSign,
} from "@/lib/server/platform/sigv4/sigv4-canonical.ts";
import { hsmBench, type HsmBenchRow } from "./hsm.bench.ts";
import { RawHttpConnection, rawRequest } from "./support/raw-http-client.ts";
import { ensureBuild, prepareDataDir, startServerProcess, type Credentials, type ServerProcess } from "./support/server-process.ts";

const REGION = "us-east-1";
const WIRE_PATH = "/api/aws/";
const RESIGN_MS = 3_000;
/** The unsigned flood comes from here, the signed callers from 127.0.0.1 (Linux answers all of 127/8). */
const FLOOD_ADDRESS = "127.0.0.2";
/** KEYHOLD_BENCH_CONNECTIONS="1,32" runs fewer rows (quicker while profiling). */
const CONNECTIONS = (process.env.KEYHOLD_BENCH_CONNECTIONS ?? "1,8,32").split(",").map(Number);
const PAYLOAD_BYTES = 32;
const TARGETS = {
  rps32: 5_000,
  p99At32Ms: 20,
  p50At1Ms: 1,
  ratioOfRaw: 0.15,
  rejectedRps: 10_000,
  floodSlowdown: 0.2,
};

export type WireBenchRow = {
  operation: "Encrypt" | "Decrypt";
  key: "AWS_KMS" | "CloudHSM key store";
  connections: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** CPU time of the server process (all its threads) per answered request, in µs: far less sensitive to a busy machine than req/s. */
  serverCpuUsPerRequest: number;
  /** The same for the server's main thread only (the one JavaScript thread: the bottleneck), in µs. */
  mainThreadCpuUsPerRequest: number;
  /** The same for the bench's own client (signing, sending, reading), to show it stays small. */
  clientCpuUsPerRequest: number;
};

/** Signs one JSON request; the headers are reused until RESIGN_MS have passed (the signature stays valid for 15 min). */
export class Signer {
  private cache = new Map<string, { headers: Record<string, string>; at: number }>();
  constructor(
    private readonly creds: Credentials,
    private readonly host: string,
  ) {}

  headers(target: string, body: Buffer): Record<string, string> {
    const cacheKey = `${target}\n${body.toString("latin1")}`;
    const now = Date.now();
    const hit = this.cache.get(cacheKey);
    if (hit && now - hit.at < RESIGN_MS) return hit.headers;
    const amzDate = new Date(now)
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    const date = amzDate.slice(0, 8);
    const headers: Record<string, string> = {
      "content-type": "application/x-amz-json-1.1",
      host: this.host,
      "x-amz-date": amzDate,
      "x-amz-target": target,
    };
    const signed = Object.keys(headers).sort();
    const scope = credentialScope(date, REGION, "kms");
    const canonical = canonicalRequest({
      method: "POST",
      rawPath: WIRE_PATH,
      rawQuery: "",
      headers: normalizeHeaders(headers),
      signedHeaders: signed,
      payloadHash: sha256Hex(body),
    });
    const signature = signatureHex(signingKey(this.creds.secretAccessKey, date, REGION, "kms"), stringToSign(amzDate, scope, canonical));
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${this.creds.accessKeyId}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`;
    headers["content-length"] = String(body.length);
    this.cache.set(cacheKey, { headers, at: now });
    return headers;
  }
}

function post(agent: http.Agent, port: number, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: WIRE_PATH, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

type Call = () => { headers: Record<string, string>; body: Buffer };

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** CLOCK_MONOTONIC in µs: the clock V8 stamps its CPU profile samples with, so bench and server agree. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
/** When the bench was loading the server: the profile counts only these (not start-up, set-up, warm-up pauses). */
const loadWindows: Array<[startUs: number, endUs: number]> = [];

/**
 * CPU time (ms) a process has used so far, summed over its threads from /proc/<pid>/task/<tid>/schedstat
 * (nanoseconds, unlike the 10 ms ticks of /proc/<pid>/stat). NaN where /proc is not there.
 */
export function processCpuMs(pid: number): number {
  try {
    let ns = 0;
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ", 1)[0]);
    }
    return ns / 1e6;
  } catch {
    return NaN;
  }
}

/** CPU time (ms) of one thread of a process (the main thread: tid = pid) from its schedstat. NaN where /proc is not there. */
export function threadCpuMs(pid: number, tid = pid): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ", 1)[0]) / 1e6;
  } catch {
    return NaN;
  }
}

/**
 * `connections` loops, each on its own keep-alive connection (bench/support/raw-http-client.ts),
 * sending `call` back to back for `seconds`. With serverPid, also the server's CPU time per answered
 * request (all answers, expected or not).
 */
async function drive(
  port: number,
  connections: number,
  call: Call,
  seconds: number,
  options: { expectStatus?: number; serverPid?: number; localAddress?: string } = {},
) {
  const { expectStatus = 200, serverPid, localAddress } = options;
  const windowStart = monotonicUs();
  const sockets = Array.from({ length: connections }, () => new RawHttpConnection(port, localAddress));
  const latencies: number[] = [];
  let errors = 0;
  const serverCpuStart = serverPid ? processCpuMs(serverPid) : NaN;
  const mainThreadCpuStart = serverPid ? threadCpuMs(serverPid) : NaN;
  const clientCpuStart = process.cpuUsage();
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    sockets.map(async (socket) => {
      while (performance.now() < end) {
        const { headers, body } = call();
        const bytes = rawRequest(WIRE_PATH, headers, body);
        const t = performance.now();
        try {
          const r = await socket.request(bytes);
          if (r.status === expectStatus) latencies.push(performance.now() - t);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  loadWindows.push([windowStart, monotonicUs()]);
  const answered = latencies.length + errors;
  const serverCpuUsPerRequest = serverPid ? ((processCpuMs(serverPid) - serverCpuStart) * 1000) / answered : NaN;
  const mainThreadCpuUsPerRequest = serverPid ? ((threadCpuMs(serverPid) - mainThreadCpuStart) * 1000) / answered : NaN;
  const client = process.cpuUsage(clientCpuStart);
  for (const socket of sockets) socket.close();
  const sorted = Float64Array.from(latencies).sort();
  return {
    requestsPerSecond: latencies.length / elapsed,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    errors,
    serverCpuUsPerRequest,
    mainThreadCpuUsPerRequest,
    clientCpuUsPerRequest: (client.user + client.system) / answered,
  };
}

/**
 * KEYHOLD_BENCH_PROFILE=1 (or cpu-prof): V8's sampling profiler in the server. It samples on a wall-clock
 * timer, so on a busy machine the time the server waits descheduled is charged to the frame it was
 * preempted in (usually writev, where answering wakes the client up). KEYHOLD_BENCH_PROFILE=perf:
 * `perf record -e cpu-clock` on the server while the bench loads it, counting CPU time only (native,
 * kernel and JIT-compiled JavaScript frames).
 */
type Profiler = "cpu-prof" | "perf" | undefined;

function profilerFromEnv(): Profiler {
  const v = process.env.KEYHOLD_BENCH_PROFILE;
  if (v === "perf") return "perf";
  return v === "1" || v === "cpu-prof" ? "cpu-prof" : undefined;
}

/** Starts `perf record` on pid; the returned stop() ends it and gives its top symbols by self CPU time. */
function startPerf(pid: number): { stop: () => Promise<string[]> } {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-bench-perf-")), "perf.data");
  const perf = spawn("perf", ["record", "-e", "cpu-clock", "-F", "997", "-p", String(pid), "-o", file], { stdio: "ignore" });
  const exited = new Promise<void>((resolve) => perf.once("exit", () => resolve()));
  return {
    stop: async () => {
      perf.kill("SIGINT");
      await exited;
      const r = spawnSync("perf", ["report", "-i", file, "--no-children", "--sort", "dso,symbol", "--stdio"], {
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      return r.stdout
        .split("\n")
        .filter((l) => /^\s+\d+\.\d+%/.test(l))
        .slice(0, 30)
        .map((l) =>
          l
            .trim()
            .replace(/\s{2,}/g, "  ")
            .slice(0, 160),
        );
    },
  };
}

/** server.ts as `npm start` runs it, the crypto quota lifted for the bench, with the profiler asked for. */
async function startServer(dataDir: string, profile: Profiler): Promise<ServerProcess & { profileDir?: string }> {
  const profileDir = profile === "cpu-prof" ? fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-bench-prof-")) : undefined;
  const nodeArgs = [
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    // perf names JIT-compiled JavaScript from /tmp/perf-<pid>.map.
    ...(profile === "perf" ? ["--perf-basic-prof-only-functions"] : []),
  ];
  const server = await startServerProcess({ dataDir, env: { KEYHOLD_CKS_CRYPTO_RPS: "1000000" }, nodeArgs });
  return { ...server, profileDir };
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };

/**
 * The .cpuprofile(s) node wrote into dir, read for the time the bench was loading the server: top
 * frames by self time, and our own code's frames (lib/, server.ts) by total time (the frame and what it
 * called). Idle samples are left out, so the shares are of the CPU time the server used.
 */
function profileSummary(dir: string, count = 25): { self: string[]; total: string[]; samples: number } {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const frameName = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "");
    const line = n.callFrame.lineNumber > 0 ? `:${n.callFrame.lineNumber + 1}` : "";
    return `${n.callFrame.functionName || "(anonymous)"}${url ? ` ${url.split("node_modules/").pop()}${line}` : ""}`;
  };
  const inWindow = (t: number) => loadWindows.some(([a, b]) => t >= a && t <= b);
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const p = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as {
      nodes: ProfileNode[];
      samples: number[];
      timeDeltas: number[];
      startTime: number;
    };
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    let t = p.startTime;
    p.samples.forEach((id, i) => {
      t += p.timeDeltas[i]!;
      const n = byId.get(id)!;
      if (n.callFrame.functionName === "(idle)" || !inWindow(t)) return;
      const name = frameName(n);
      self.set(name, (self.get(name) ?? 0) + 1);
      total++;
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = byId.get(at)!;
        if (!/(^|\/)(lib\/|server\.ts)/.test(frame.callFrame.url) || frame.callFrame.url.includes("node_modules")) continue;
        const own = frameName(frame);
        if (seen.has(own)) continue;
        seen.add(own);
        inclusive.set(own, (inclusive.get(own) ?? 0) + 1);
      }
    });
  }
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${name}`);
  return { self: top(self), total: top(inclusive), samples: total };
}

const num = (n: number, width: number, digits = 0) =>
  (Number.isFinite(n) ? n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }) : "–").padStart(width);
const mark = (ok: boolean) => (ok ? "ok " : "MISS");

export async function wireBench(options: { seconds?: number; hsmRows?: HsmBenchRow[] } = {}): Promise<WireBenchRow[]> {
  const seconds = options.seconds ?? Number(process.env.KEYHOLD_BENCH_SECONDS ?? 2);
  const profile = profilerFromEnv();
  console.log(
    `machine: ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  // Raw PKCS#11 in this process first, before the server runs, so the two do not share the CPU.
  const hsmRows =
    options.hsmRows?.some((r) => r.bytes === PAYLOAD_BYTES) === true
      ? options.hsmRows
      : await hsmBench({ sizes: [PAYLOAD_BYTES], seconds: 1, repeats: 2, withNode: false });
  const raw = (op: "encrypt" | "decrypt") => hsmRows.find((r) => r.bytes === PAYLOAD_BYTES && r.operation === op)!.hsmOps;

  const build = ensureBuild();
  const data = prepareDataDir("wire", crypto.randomBytes(12).toString("hex"));
  const server = await startServer(data.dir, profile);
  const rows: WireBenchRow[] = [];
  try {
    const host = `127.0.0.1:${server.port}`;
    const signer = new Signer(data.admin, host);
    const serverPid = server.child.pid;
    const setupAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const kms = async (operation: string, input: object): Promise<Record<string, unknown>> => {
      const body = Buffer.from(JSON.stringify(input));
      const r = await post(setupAgent, server.port, signer.headers(`TrentService.${operation}`, body), body);
      const out = JSON.parse(r.body.toString("utf8")) as Record<string, unknown>;
      if (r.status !== 200) throw new Error(`${operation}: ${r.status} ${r.body.toString("utf8")}`);
      return out;
    };

    const keys = await createBenchKeys(kms, data);

    const perf = profile === "perf" && serverPid ? startPerf(serverPid) : undefined;
    console.log(
      `\n/api/aws of the real server process (server.ts, ${build}, NODE_ENV=production), SigV4 signed by the bench ` +
        `(re-signed every ${RESIGN_MS / 1000} s), keep-alive, ${PAYLOAD_BYTES} B, ${seconds} s per row${profile ? `, profiler ${profile} ON (slower)` : ""}`,
    );
    console.log(
      "operation  key                 conns      req/s    p50 ms    p99 ms  errors  server µs/req  main thr µs/req  client µs/req   raw PKCS#11/s  ratio   targets (issue 13)",
    );
    const context = { bench: "wire" };
    const plaintext = crypto.randomBytes(PAYLOAD_BYTES).toString("base64");
    for (const [keyName, keyId] of Object.entries(keys) as [WireBenchRow["key"], string][]) {
      const blob = (await kms("Encrypt", { KeyId: keyId, Plaintext: plaintext, EncryptionContext: context })).CiphertextBlob as string;
      const bodies = {
        Encrypt: Buffer.from(JSON.stringify({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context })),
        Decrypt: Buffer.from(JSON.stringify({ CiphertextBlob: blob, EncryptionContext: context })),
      };
      for (const operation of ["Encrypt", "Decrypt"] as const) {
        const body = bodies[operation];
        const call: Call = () => ({ headers: signer.headers(`TrentService.${operation}`, body), body });
        for (const connections of CONNECTIONS) {
          // Warm-up: longer before an operation's first row, so that row is not the one V8 optimises during.
          await drive(server.port, connections, call, connections === CONNECTIONS[0] ? 1 : 0.3);
          const r = await drive(server.port, connections, call, seconds, { serverPid });
          rows.push({ operation, key: keyName, connections, ...r });
          const rawOps = raw(operation === "Encrypt" ? "encrypt" : "decrypt");
          const ratio = r.requestsPerSecond / rawOps;
          const targets =
            connections === 1
              ? `p50 < ${TARGETS.p50At1Ms} ms ${mark(r.p50Ms < TARGETS.p50At1Ms)}`
              : connections === 32
                ? `≥ ${num(TARGETS.rps32, 0)}/s ${mark(r.requestsPerSecond >= TARGETS.rps32)}, p99 < ${TARGETS.p99At32Ms} ms ${mark(r.p99Ms < TARGETS.p99At32Ms)}, ≥ ${TARGETS.ratioOfRaw * 100} % of raw ${mark(ratio >= TARGETS.ratioOfRaw)}`
                : "";
          console.log(
            `${operation.padEnd(9)}  ${keyName.padEnd(18)}  ${String(connections).padStart(5)}  ${num(r.requestsPerSecond, 9)}  ${num(r.p50Ms, 8, 2)}  ${num(r.p99Ms, 8, 2)}  ${String(r.errors).padStart(6)}  ${num(r.serverCpuUsPerRequest, 13)}  ${num(r.mainThreadCpuUsPerRequest, 15)}  ${num(r.clientCpuUsPerRequest, 13)}   ${num(rawOps, 13)}  ${(100 * ratio).toFixed(1).padStart(5)} %  ${targets}`,
          );
        }
      }
    }

    // Unsigned requests: refused with MissingAuthenticationTokenException (400) before any lookup.
    const unsignedBody = bodies32(keys.AWS_KMS, plaintext, context);
    const unsignedHeaders = {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "TrentService.Encrypt",
      "content-length": String(unsignedBody.length),
    };
    const unsigned: Call = () => ({ headers: unsignedHeaders, body: unsignedBody });
    // From another loopback address than the signed callers: the rejected-request tally throttles by source.
    const flooder = { expectStatus: 400, serverPid, localAddress: FLOOD_ADDRESS };
    await drive(server.port, 32, unsigned, 0.3, flooder);
    const rejected = await drive(server.port, 32, unsigned, seconds, flooder);
    console.log(
      `\nunsigned Encrypt from ${FLOOD_ADDRESS} (400 MissingAuthenticationToken, then ThrottlingException), 32 conns: ${num(rejected.requestsPerSecond, 0)} rejected/s, p50 ${num(rejected.p50Ms, 0, 2)} ms, p99 ${num(rejected.p99Ms, 0, 2)} ms, server ${num(rejected.serverCpuUsPerRequest, 0)} µs CPU per rejection (main thread ${num(rejected.mainThreadCpuUsPerRequest, 0)}), unexpected answers ${rejected.errors}   target ≥ ${num(TARGETS.rejectedRps, 0)}/s ${mark(rejected.requestsPerSecond >= TARGETS.rejectedRps)}`,
    );

    // Signed callers while an unsigned flood runs on as many connections.
    const signedBody = bodies32(keys.AWS_KMS, plaintext, context);
    const signed: Call = () => ({ headers: signer.headers("TrentService.Encrypt", signedBody), body: signedBody });
    const alone = await drive(server.port, 32, signed, seconds, { serverPid }); // just before, so both see the same machine
    const [withFlood, flood] = await Promise.all([
      drive(server.port, 32, signed, seconds),
      drive(server.port, 32, unsigned, seconds, flooder),
    ]);
    const slowdown = 1 - withFlood.requestsPerSecond / alone.requestsPerSecond;
    console.log(
      `signed Encrypt (AWS_KMS, 32 conns) during an unsigned flood (32 conns, ${num(flood.requestsPerSecond, 0)} rejected/s): ${num(withFlood.requestsPerSecond, 0)} req/s, p99 ${num(withFlood.p99Ms, 0, 2)} ms — ${(100 * slowdown).toFixed(0)} % slower than alone (${num(alone.requestsPerSecond, 0)} req/s just before)   target ≤ ${TARGETS.floodSlowdown * 100} % ${mark(slowdown <= TARGETS.floodSlowdown)}`,
    );
    setupAgent.destroy();
    if (perf) {
      console.log("\nserver CPU time by symbol (perf record -e cpu-clock, while the bench loaded it; self time):");
      for (const line of await perf.stop()) console.log(`  ${line}`);
    }
    console.log(
      `machine after the run: load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")} (figures are only comparable at similar load)`,
    );
  } finally {
    await server.stop();
    if (server.profileDir) {
      const summary = profileSummary(server.profileDir);
      console.log(`\nserver CPU profile while the bench loaded it (${summary.samples} samples, idle left out), top frames by self time:`);
      for (const line of summary.self) console.log(`  ${line}`);
      console.log("our code's frames by total time (self + callees):");
      for (const line of summary.total) console.log(`  ${line}`);
      console.log(`  (profile files: ${server.profileDir})`);
    }
    fs.rmSync(data.dir, { recursive: true, force: true });
  }
  return rows;
}

type BenchKeys = { AWS_KMS: string; "CloudHSM key store": string };

/**
 * Through the endpoint (`kms` sends one signed request): a CloudHSM key store on the data dir's demo
 * cluster, connected, and two keys, one AWS_KMS and one in the store.
 */
export async function createBenchKeys(
  kms: (operation: string, input: object) => Promise<Record<string, unknown>>,
  data: Pick<ReturnType<typeof prepareDataDir>, "clusterId" | "trustAnchor" | "kmsuserPassword">,
): Promise<BenchKeys> {
  const store = (await kms("CreateCustomKeyStore", {
    CustomKeyStoreName: "bench-store",
    CloudHsmClusterId: data.clusterId,
    TrustAnchorCertificate: data.trustAnchor,
    KeyStorePassword: data.kmsuserPassword,
  })) as { CustomKeyStoreId: string };
  await kms("ConnectCustomKeyStore", { CustomKeyStoreId: store.CustomKeyStoreId });
  for (let i = 0; ; i++) {
    const d = (await kms("DescribeCustomKeyStores", { CustomKeyStoreId: store.CustomKeyStoreId })) as {
      CustomKeyStores: { ConnectionState: string }[];
    };
    if (d.CustomKeyStores[0]!.ConnectionState === "CONNECTED") break;
    if (i > 100) throw new Error(`the bench store did not connect: ${JSON.stringify(d)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const keyIdOf = (r: Record<string, unknown>) => (r.KeyMetadata as { KeyId: string }).KeyId;
  return {
    AWS_KMS: keyIdOf(await kms("CreateKey", {})),
    "CloudHSM key store": keyIdOf(await kms("CreateKey", { Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.CustomKeyStoreId })),
  };
}

function bodies32(keyId: string, plaintext: string, context: Record<string, string>): Buffer {
  return Buffer.from(JSON.stringify({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context }));
}
