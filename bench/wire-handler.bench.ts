// `npm run bench -- handler`: the local endpoint's request handler (handleAwsRequest with the real
// dependencies: SigV4, access-key and key caches, key policy, SoftHSM, audit) called in this process,
// without HTTP, on pre-signed Encrypt / Decrypt requests: the server CPU time per request that is ours
// to spend, free of the kernel's loopback and node:http. KEYHOLD_BENCH_PROFILE=1 writes a V8 CPU profile
// of the measured loops only (its top frames printed), which on a busy machine is the clearest view of
// our own per-request work.
import crypto from "node:crypto";
import fs from "node:fs";
import inspector from "node:inspector/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { prepareDataDir } from "./support/server-process.ts";
import { Signer, createBenchKeys } from "./wire.bench.ts";

const REQUESTS = Number(process.env.KEYHOLD_BENCH_REQUESTS ?? 20_000);
const IN_FLIGHT = 32;

export type HandlerBenchRow = { operation: string; key: string; cpuUsPerRequest: number; requestsPerCpuSecond: number };

/**
 * Counts SQL statements run through better-sqlite3 in this process (Prisma's SQLite adapter and the
 * audit writer's connection alike), by the statement's first words: a request path that reads nothing
 * from the database in steady state shows only the audit writer's batched INSERTs.
 */
function countSqlStatements(): { byKind: Map<string, number>; reset: () => void } {
  const byKind = new Map<string, number>();
  const probe = new Database(":memory:").prepare("SELECT 1");
  const proto = Object.getPrototypeOf(probe) as Record<string, (...a: unknown[]) => unknown>;
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = proto[method]!;
    proto[method] = function (this: { source: string }, ...args: unknown[]) {
      const kind = this.source.trim().split(/\s+/).slice(0, 3).join(" ").slice(0, 40);
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      return original.apply(this, args);
    };
  }
  return { byKind, reset: () => byKind.clear() };
}

type ProfileNode = { id: number; callFrame: { functionName: string; url: string }; children?: number[] };

export async function wireHandlerBench(): Promise<HandlerBenchRow[]> {
  const data = prepareDataDir("handler", crypto.randomBytes(12).toString("hex"));
  process.env.KEYHOLD_DATA_DIR = data.dir;
  for (const name of ["SOFTHSM2_CONF", "DATABASE_URL", "KEYHOLD_MASTER_KEY"]) delete process.env[name];
  process.env.KEYHOLD_CKS_CRYPTO_RPS = "1000000";
  const { handleAwsRequest } = await import("@/lib/server/kms-service/wire/handle-aws-request.ts");
  const { localServiceDeps } = await import("@/lib/server/kms-service/service-deps.ts");
  const { flushAuditEvents } = await import("@/lib/server/platform/audit/audit-writer.ts");
  const { shutdown } = await import("@/lib/server/platform/lifecycle.ts");
  const deps = localServiceDeps();
  const signer = new Signer(data.admin, "127.0.0.1:1");
  const request = (operation: string, body: Buffer) => ({
    method: "POST",
    path: "/api/aws/",
    headers: new Map(Object.entries(signer.headers(`TrentService.${operation}`, body)).map(([k, v]) => [k, [v]])),
    body,
    sourceIp: "127.0.0.1",
  });
  const kms = async (operation: string, input: object) => {
    const r = await handleAwsRequest(request(operation, Buffer.from(JSON.stringify(input))), deps);
    if (r.status !== 200) throw new Error(`${operation}: ${r.status} ${r.body.toString("utf8")}`);
    return JSON.parse(r.body.toString("utf8")) as Record<string, unknown>;
  };

  const sql = countSqlStatements();
  const profile = process.env.KEYHOLD_BENCH_PROFILE === "1" || process.env.KEYHOLD_BENCH_PROFILE === "cpu-prof";
  const session = new inspector.Session();
  session.connect();
  if (profile) {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 200 });
  }

  const rows: HandlerBenchRow[] = [];
  try {
    const keys = await createBenchKeys(kms, data);
    const plaintext = crypto.randomBytes(32).toString("base64");
    const context = { bench: "handler" };

    console.log(
      `\nhandleAwsRequest in this process, no HTTP, ${REQUESTS.toLocaleString("en-US")} requests per row, ${IN_FLIGHT} in flight`,
    );
    console.log(
      "operation        key                 CPU µs/req   req per CPU-second   (SQL statements run during the row: Prisma's and the audit writer's)",
    );
    if (profile) await session.post("Profiler.start");
    for (const [keyName, keyId] of Object.entries(keys)) {
      const blob = (await kms("Encrypt", { KeyId: keyId, Plaintext: plaintext, EncryptionContext: context })).CiphertextBlob;
      const bodies = {
        Encrypt: Buffer.from(JSON.stringify({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context })),
        Decrypt: Buffer.from(JSON.stringify({ CiphertextBlob: blob, EncryptionContext: context })),
        GenerateDataKey: Buffer.from(JSON.stringify({ KeyId: keyId, NumberOfBytes: 32, EncryptionContext: context })),
      };
      for (const [operation, body] of Object.entries(bodies)) {
        const run = async (n: number) => {
          let next = 0;
          let failed = 0;
          await Promise.all(
            Array.from({ length: IN_FLIGHT }, async () => {
              while (next++ < n) if ((await handleAwsRequest(request(operation, body), deps)).status !== 200) failed++;
            }),
          );
          if (failed) throw new Error(`${operation}: ${failed} requests failed`);
        };
        await run(Math.min(2_000, REQUESTS)); // warm-up
        sql.reset();
        const before = process.cpuUsage();
        await run(REQUESTS);
        const used = process.cpuUsage(before);
        const statements = [...sql.byKind].map(([kind, n]) => `${n} × ${kind}`).join(", ") || "none";
        const cpuUsPerRequest = (used.user + used.system) / REQUESTS;
        rows.push({ operation, key: keyName, cpuUsPerRequest, requestsPerCpuSecond: 1e6 / cpuUsPerRequest });
        console.log(
          `${operation.padEnd(15)}  ${keyName.padEnd(18)}  ${cpuUsPerRequest.toFixed(1).padStart(10)}   ${Math.round(1e6 / cpuUsPerRequest)
            .toLocaleString("en-US")
            .padStart(18)}   SQL run meanwhile: ${statements}`,
        );
      }
    }

    // Unsigned requests from one address: 300 MissingAuthenticationToken, then ThrottlingException.
    const unsigned = Buffer.from(JSON.stringify({ KeyId: keys.AWS_KMS, Plaintext: plaintext }));
    const unsignedRequest = () => ({
      method: "POST",
      path: "/api/aws/",
      headers: new Map([
        ["content-type", ["application/x-amz-json-1.1"]],
        ["x-amz-target", ["TrentService.Encrypt"]],
      ]),
      body: unsigned,
      sourceIp: "127.0.0.2",
    });
    const rejectAll = async (n: number) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next++ < n) if ((await handleAwsRequest(unsignedRequest(), deps)).status !== 400) throw new Error("not rejected");
        }),
      );
    };
    await rejectAll(2_000);
    const before = process.cpuUsage();
    await rejectAll(REQUESTS);
    const used = process.cpuUsage(before);
    const cpuUsPerRequest = (used.user + used.system) / REQUESTS;
    rows.push({ operation: "unsigned", key: "(throttled)", cpuUsPerRequest, requestsPerCpuSecond: 1e6 / cpuUsPerRequest });
    console.log(
      `${"unsigned".padEnd(15)}  ${"(throttled source)".padEnd(18)}  ${cpuUsPerRequest.toFixed(1).padStart(10)}   ${Math.round(
        1e6 / cpuUsPerRequest,
      )
        .toLocaleString("en-US")
        .padStart(18)}`,
    );

    if (profile) {
      const { profile: p } = (await session.post("Profiler.stop")) as unknown as {
        profile: { nodes: ProfileNode[]; samples: number[] };
      };
      const file = path.join(data.dir, "..", `keyhold-handler-${Date.now()}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(p));
      printTopFrames(p);
      console.log(`  (profile: ${file})`);
    }
  } finally {
    session.disconnect();
    await flushAuditEvents();
    await shutdown(4_500, () => {});
    fs.rmSync(data.dir, { recursive: true, force: true });
  }
  return rows;
}

function printTopFrames(p: { nodes: ProfileNode[]; samples: number[] }): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let count = 0;
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url
      .replace(/^file:\/\//, "")
      .replace(process.cwd() + "/", "")
      .split("node_modules/")
      .pop()}`.trim();
  for (const id of p.samples) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === "(idle)") continue;
    count++;
    self.set(name(n), (self.get(name(n)) ?? 0) + 1);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!;
      if (!/(^|\/)lib\//.test(f.callFrame.url) || f.callFrame.url.includes("node_modules")) continue;
      const own = name(f);
      if (!seen.has(own)) total.set(own, (total.get(own) ?? 0) + 1);
      seen.add(own);
    }
  }
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 30)
      .map(([k, v]) => `  ${((100 * v) / count).toFixed(1).padStart(5)} %  ${k}`);
  console.log(`\nV8 profile of the measured loops (${count} samples, idle left out), top frames by self time:`);
  for (const l of top(self)) console.log(l);
  console.log("our code (lib/) by total time:");
  for (const l of top(total)) console.log(l);
}
