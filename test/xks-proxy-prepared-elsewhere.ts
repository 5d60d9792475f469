// prepareProxy (test/xks-proxy-process.ts) in a child process of its own, for test files that also run
// the local KMS service: set-up opens the proxy's PKCS#11 token with the proxy's SoftHSM configuration,
// which must not be the process that later opens the service's tokens. Run as a script it prepares and
// prints the result; imported, prepareProxyElsewhere spawns it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { PreparedProxy, ProxyKeySpec, ProxyStoreSpec } from "./xks-proxy-process.ts";
import type { XksCredential } from "./xks-client.ts";

type Options = { dataDir: string; keys: ProxyKeySpec[]; stores: ProxyStoreSpec[]; settings?: Record<string, Record<string, unknown>> };

/**
 * The environment of a process of the proxy's (set-up, CLI, a restarted proxy): this one's, without what
 * the service under test set for itself (its SoftHSM configuration, its database), with the proxy's folder.
 */
export function proxyEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KEYHOLD_DATA_DIR: dataDir };
  delete env.SOFTHSM2_CONF;
  delete env.DATABASE_URL;
  return env;
}

export function prepareProxyElsewhere(options: Options): PreparedProxy {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.resolve("test/xks-proxy-prepared-elsewhere.ts"), JSON.stringify(options)],
    { env: proxyEnv(options.dataDir), encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`preparing the XKS proxy failed (${r.status}):\n${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop()!;
  const raw = JSON.parse(line) as Omit<PreparedProxy, "credentials"> & { credentials: [string, XksCredential[]][] };
  return { ...raw, credentials: new Map(raw.credentials) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve("test/xks-proxy-prepared-elsewhere.ts")) {
  const { prepareProxy } = await import("./xks-proxy-process.ts");
  const options = JSON.parse(process.argv[2]!) as Options;
  const prepared = await prepareProxy(options);
  console.log(JSON.stringify({ ...prepared, credentials: [...prepared.credentials.entries()] }));
  process.exit(0);
}
