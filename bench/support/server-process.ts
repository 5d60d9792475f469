// What the benches that run the real server share: a free port, a production build, a data dir
// bootstrapped as set-up does it, and server.ts started as `npm start` starts it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

export type Credentials = { accessKeyId: string; secretAccessKey: string };
export type BenchDataDir = { dir: string; admin: Credentials; clusterId: string; trustAnchor: string; kmsuserPassword: string };
export type ServerProcess = { port: number; child: ChildProcess; stop: () => Promise<void> };

/** Variables of the developer's own set-up that would point the bench's server at their data. */
const OWN_DATA = ["SOFTHSM2_CONF", "DATABASE_URL", "KEYHOLD_MASTER_KEY"];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Newest modification time of the files under dir (skipping generated code), in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.parentPath.includes("generated")) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * `npx next build` when there is no production build (or KEYHOLD_BENCH_REBUILD=1); returns what the
 * output should say. A build older than the sources is used as it is, and said so: server.ts serves
 * /api/aws from the sources (tsx), ahead of Next, so only pages and the JSON API would be stale.
 */
export function ensureBuild(): string {
  const buildId = path.resolve(".next/BUILD_ID");
  if (fs.existsSync(buildId) && process.env.KEYHOLD_BENCH_REBUILD !== "1") {
    const built = fs.statSync(buildId).mtimeMs;
    const stale = ["app", "components", "lib"].some((d) => newestMtime(path.resolve(d)) > built);
    return stale ? "existing .next build, older than the sources (/api/aws runs from the sources)" : "existing .next build";
  }
  console.log("running `npx next build` once …");
  const r = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("next build failed");
  return "fresh .next build";
}

/** A temp data dir prepared as e2e/support/prepare-data.ts does: set-up's bootstrap (migrations, admin, tokens, demo cluster). */
export function prepareDataDir(name: string, adminPassword: string): BenchDataDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `keyhold-bench-${name}-`));
  const env: NodeJS.ProcessEnv = { ...process.env, KEYHOLD_DATA_DIR: dir, KEYHOLD_ADMIN_PASSWORD: adminPassword };
  for (const v of OWN_DATA) delete env[v];
  const r = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/setup/bootstrap.ts"], { env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bootstrap failed:\n${r.stdout}\n${r.stderr}`);
  const creds = fs.readFileSync(path.join(dir, "credentials"), "utf8");
  const clusterId = fs.readdirSync(path.join(dir, "clusters"))[0]!;
  const clusterDir = path.join(dir, "clusters", clusterId);
  return {
    dir,
    admin: { accessKeyId: /aws_access_key_id = (\S+)/.exec(creds)![1]!, secretAccessKey: /aws_secret_access_key = (\S+)/.exec(creds)![1]! },
    clusterId,
    trustAnchor: fs.readFileSync(path.join(clusterDir, "customerCA.crt"), "utf8"),
    // The starting password (its file's last line).
    kmsuserPassword: fs.readFileSync(path.join(clusterDir, "kmsuser-password"), "utf8").trim().split("\n").at(-1)!,
  };
}

/**
 * server.ts in production mode on a free port of 127.0.0.1, over `dataDir`, with the status poller off
 * and `env` added; `nodeArgs` go before the script (e.g. the profiler's). Resolves once it serves.
 */
export async function startServerProcess(options: {
  dataDir: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    KEYHOLD_DATA_DIR: options.dataDir,
    PORT: String(port),
    KEYHOLD_HOST: "127.0.0.1",
    KEYHOLD_STATUS_POLLER: "off",
    ...options.env,
  };
  for (const v of OWN_DATA) delete env[v];
  const args = [...(options.nodeArgs ?? []), "--import", "tsx", "--import", "./scripts/server/server-only-hook.mjs", "server.ts"];
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const lines = readline.createInterface({ input: child.stdout! });
  await Promise.race([
    new Promise<void>((resolve) => lines.on("line", (l) => l.includes("serving on") && resolve())),
    exited.then(() => {
      throw new Error(`server.ts exited before serving:\n${stderr}`);
    }),
    new Promise((_, reject) => {
      // unref: once the server serves, this timer must not keep the bench's process alive for 2 minutes.
      setTimeout(() => reject(new Error(`server.ts did not start in 120 s:\n${stderr}`)), 120_000).unref();
    }),
  ]);
  return {
    port,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
