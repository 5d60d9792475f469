// The real XKS proxy for tests and the benchmark: set-up in this process (settings, token, TLS files,
// keys, credentials; then the token is released), then `lib/xks-proxy/main.ts serve` as its own process
// over HTTPS on a free port, trusted through the generated CA. Every log line it prints is kept.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import readline from "node:readline";
import { parse, stringify } from "smol-toml";
import type { XksCredential } from "./xks-client.ts";

export type ProxyKeySpec = { keyId: string; usage?: "ENCRYPT_DECRYPT" | "ENCRYPT" | "DECRYPT"; disabled?: boolean };
export type ProxyStoreSpec = { prefix: string; keyIds: string[]; throttleRps?: number; throttleBurst?: number; credentials?: number };

export type PreparedProxy = {
  dataDir: string;
  settingsFile: string;
  caCertificate: string;
  credentialsFile: string;
  /** prefix → credentials created for it (in creation order). */
  credentials: Map<string, XksCredential[]>;
};

/** Runs set-up in this process (KEYHOLD_DATA_DIR must name a fresh folder), then releases the token. */
export async function prepareProxy(opts: {
  dataDir: string;
  keys: ProxyKeySpec[];
  stores: ProxyStoreSpec[];
  settings?: Record<string, Record<string, unknown>>;
}): Promise<PreparedProxy> {
  const { setupProxy } = await import("@/lib/xks-proxy/setup.ts");
  const { loadSettings } = await import("@/lib/xks-proxy/config/settings.ts");
  const { KeyCatalog } = await import("@/lib/xks-proxy/keys/key-catalog.ts");
  const { closeModule, openProxyToken } = await import("@/lib/xks-proxy/keys/proxy-token.ts");
  const { addCredential } = await import("@/lib/xks-proxy/config/credentials.ts");
  const setup = await setupProxy();
  const settings = loadSettings(setup.settingsFile);
  const catalog = new KeyCatalog(openProxyToken(settings), settings.paths.keyStates);
  for (const k of opts.keys) {
    await catalog.create(k.keyId, k.usage);
    if (k.disabled) await catalog.setStatus(k.keyId, "DISABLED");
  }
  closeModule();

  const raw = parse(fs.readFileSync(setup.settingsFile, "utf8")) as Record<string, any>;
  raw.external_key_stores = opts.stores.map((s) => ({
    uri_path_prefix: s.prefix,
    xks_key_id_set: s.keyIds,
    throttle_rps: s.throttleRps ?? 100_000,
    ...(s.throttleBurst ? { throttle_burst: s.throttleBurst } : {}),
  }));
  for (const [section, values] of Object.entries(opts.settings ?? {})) raw[section] = { ...raw[section], ...values };
  fs.writeFileSync(setup.settingsFile, stringify(raw), { mode: 0o600 });

  fs.rmSync(settings.paths.credentials, { force: true });
  const credentials = new Map<string, XksCredential[]>();
  for (const s of opts.stores) {
    const list: XksCredential[] = [];
    for (let i = 0; i < (s.credentials ?? 1); i++) list.push(addCredential(settings.paths.credentials, s.prefix));
    credentials.set(s.prefix, list);
  }
  return {
    dataDir: opts.dataDir,
    settingsFile: setup.settingsFile,
    caCertificate: setup.caCertificate,
    credentialsFile: settings.paths.credentials,
    credentials,
  };
}

export type ProxyProcess = {
  url: string;
  child: ChildProcess;
  /** Every line the proxy printed so far. */
  logs: () => string[];
  /** A keep-alive agent for the proxy's URL (trusting its CA over HTTPS; plain with --http). */
  agent: (options?: https.AgentOptions) => http.Agent;
  /** SIGTERM; resolves with the exit code. */
  stop: () => Promise<number | null>;
  exited: Promise<number | null>;
};

export async function spawnProxy(prepared: PreparedProxy, args: string[] = [], env: Record<string, string> = {}): Promise<ProxyProcess> {
  // node with tsx as a loader (not the tsx CLI, whose signal relay may kill a slow child): SIGTERM reaches the proxy.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", path.resolve("lib/xks-proxy/main.ts"), "serve", "--port", "0", ...args],
    { env: { ...process.env, KEYHOLD_DATA_DIR: prepared.dataDir, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const rl = readline.createInterface({ input: child.stdout! });
  const listening = new Promise<string>((resolve) =>
    rl.on("line", (line) => {
      lines.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === "listening" && entry.url) resolve(entry.url);
      } catch {
        // not a log line
      }
    }),
  );
  const url = await Promise.race([
    listening,
    exited.then((code) => {
      throw new Error(`the XKS proxy exited (${code}) before listening:\n${stderr}`);
    }),
  ]);
  const ca = fs.readFileSync(prepared.caCertificate);
  return {
    url,
    child,
    logs: () => lines,
    agent: (options = {}) =>
      url.startsWith("https:") ? new https.Agent({ keepAlive: true, ca, ...options }) : new http.Agent({ keepAlive: true }),
    exited,
    // SIGTERM, and SIGKILL if the proxy has not exited 20 s later (a test must not leave a process behind).
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      return exited.finally(() => clearTimeout(timer));
    },
  };
}
