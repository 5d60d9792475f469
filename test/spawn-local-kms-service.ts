// Starts test/local-kms-service-process.ts in a child process and waits for its URL line.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";

export type ServiceProcess = { url: string; storeId?: string; clusterId?: string; child: ChildProcess; stop: () => Promise<number | null> };

export async function spawnLocalKmsService(opts: {
  dataDir: string;
  withStore?: boolean;
  audit?: boolean;
  env?: Record<string, string>;
}): Promise<ServiceProcess> {
  // node with tsx as a loader, not the tsx CLI: the CLI relays SIGTERM through a watcher that SIGKILLs a
  // child slower than 30 ms to acknowledge it, which a busy machine is; the shutdown is what some tests check.
  const args = ["--import", "tsx", "--conditions=react-server", path.resolve("test/local-kms-service-process.ts")];
  if (opts.withStore) args.push("--with-store");
  if (opts.audit) args.push("--audit");
  // The data dir decides everything: no token directory, database or master key from this process.
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env, KEYHOLD_DATA_DIR: opts.dataDir };
  for (const name of ["SOFTHSM2_CONF", "DATABASE_URL", "KEYHOLD_MASTER_KEY"]) if (!opts.env?.[name]) delete env[name];
  const child = spawn(process.execPath, args, {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const lines = readline.createInterface({ input: child.stdout! });
  const first = await Promise.race([
    new Promise<string>((resolve) => lines.once("line", resolve)),
    exited.then((code) => {
      throw new Error(`the KMS service process exited (${code}) before serving:\n${stderr}`);
    }),
  ]);
  const info = JSON.parse(first) as { url: string; storeId?: string; clusterId?: string };
  return {
    ...info,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
