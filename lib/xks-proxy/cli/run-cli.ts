import "server-only";
import fs from "node:fs";
import { callAdminApi } from "../admin/admin-api.ts";
import { addCredential, kmsConsoleJson, readCredentialRecords, removeCredential } from "../config/credentials.ts";
import { defaultSettingsPath, loadSettings, SettingsError, XKS_API_PATH, type Settings } from "../config/settings.ts";
import { isXksError } from "../errors.ts";
import { KeyCatalog, type UsageChoice } from "../keys/key-catalog.ts";
import { closeModule, openProxyToken } from "../keys/proxy-token.ts";
import { serve } from "../serve.ts";
import { setupProxy } from "../setup.ts";

// The CLI behind lib/xks-proxy/main.ts. Key commands go to the running proxy's admin API when it runs
// (only the process that owns the token may change it) and open the token themselves when it does not.
// Credential commands edit the credentials file; a running proxy picks the change up within a second.

type Flags = { positional: string[]; options: Map<string, string | true> };

function parseArgs(argv: string[]): Flags {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      positional.push(a);
      continue;
    }
    const name = a.slice(2);
    const next = argv[i + 1];
    if (["http", "json"].includes(name) || next === undefined || next.startsWith("--")) options.set(name, true);
    else options.set(name, argv[++i]!);
  }
  return { positional, options };
}

function str(flags: Flags, name: string): string | undefined {
  const v = flags.options.get(name);
  return typeof v === "string" ? v : undefined;
}

const out = (value: unknown) => console.log(typeof value === "string" ? value : JSON.stringify(value, null, 2));

async function withLocalCatalog<T>(settings: Settings, fn: (catalog: KeyCatalog) => Promise<T>): Promise<T> {
  const token = openProxyToken(settings);
  try {
    return await fn(new KeyCatalog(token, settings.paths.keyStates));
  } finally {
    closeModule();
  }
}

async function keys(settings: Settings, flags: Flags): Promise<number> {
  const [, sub, keyId] = flags.positional;
  const usage = (str(flags, "usage") ?? "ENCRYPT_DECRYPT").toUpperCase() as UsageChoice;
  const request: [string, string, unknown?] | undefined =
    sub === "list"
      ? ["GET", "/v1/keys"]
      : sub === "create" && keyId
        ? ["POST", "/v1/keys", { keyId, usage }]
        : (sub === "disable" || sub === "enable") && keyId
          ? ["POST", `/v1/keys/${encodeURIComponent(keyId)}/${sub}`]
          : undefined;
  if (!request) {
    console.error(
      "usage: keys list | keys create <keyId> [--usage ENCRYPT_DECRYPT|ENCRYPT|DECRYPT] | keys disable <keyId> | keys enable <keyId>",
    );
    return 2;
  }
  const remote = await callAdminApi(settings.paths.adminSocket, ...request);
  if (remote) {
    out(remote.json);
    return remote.status === 200 ? 0 : 1;
  }
  const result = await withLocalCatalog(settings, async (catalog) => {
    if (sub === "list") {
      const all = await catalog.list();
      return { keys: all.map((k) => ({ ...k, prefixes: settings.stores.filter((s) => s.keyIds.has(k.keyId)).map((s) => s.prefix) })) };
    }
    if (sub === "create") return catalog.create(keyId!, usage);
    return catalog.setStatus(keyId!, sub === "disable" ? "DISABLED" : "ENABLED");
  });
  out(result);
  if (sub === "create" && !settings.stores.some((s) => s.keyIds.has(keyId!))) {
    console.error(`note: add "${keyId}" to an xks_key_id_set in ${settings.file}, then send SIGHUP to the proxy`);
  }
  return 0;
}

function credentials(settings: Settings, flags: Flags): number {
  const [, sub, id] = flags.positional;
  const file = settings.paths.credentials;
  if (sub === "list") {
    out({ credentials: readCredentialRecords(file).map(({ prefix, accessKeyId, createdAt }) => ({ prefix, accessKeyId, createdAt })) });
    return 0;
  }
  if (sub === "add") {
    const prefix = str(flags, "prefix") ?? settings.stores[0]!.prefix;
    if (!settings.stores.some((s) => s.prefix === prefix)) {
      console.error(`no [[external_key_stores]] with uri_path_prefix "${prefix}" in ${settings.file}`);
      return 2;
    }
    const created = addCredential(file, prefix);
    console.error("New credential (the secret is shown this once; it is stored sealed). For the KMS console:");
    out(kmsConsoleJson(created, XKS_API_PATH));
    return 0;
  }
  if (sub === "remove" && id) {
    const removed = removeCredential(file, id);
    out({ removed });
    return removed ? 0 : 1;
  }
  console.error("usage: credentials list | credentials add [--prefix <prefix>] | credentials remove <accessKeyId>");
  return 2;
}

export async function runCli(argv: string[]): Promise<number> {
  const flags = parseArgs(argv);
  const command = flags.positional[0] ?? "serve";
  const settingsFile = str(flags, "config") ?? defaultSettingsPath();
  try {
    if (command === "setup") {
      if (fs.existsSync(settingsFile) && (await callAdminApi(loadSettings(settingsFile).paths.adminSocket, "GET", "/v1/credentials"))) {
        console.log("    XKS proxy is running (it owns its token): set-up left it as it is");
        return 0;
      }
      const r = await setupProxy({ settingsFile });
      closeModule();
      console.log(`    XKS proxy settings: ${r.settingsFile} (${r.settingsCreated ? "created" : "present"})`);
      console.log(
        `    XKS proxy token: ${r.tokenCreated ? "created" : "present"}; TLS: ${r.tlsCreated ? "created" : "present"}, CA ${r.caCertificate}`,
      );
      for (const json of r.kmsConsoleFiles) {
        console.log("\n    New XKS proxy credential (shown once, stored sealed). KMS console import file:\n");
        console.log(json.replace(/^/gm, "        "));
      }
      return 0;
    }
    if (command === "serve") {
      const port = str(flags, "port");
      await serve({
        settingsFile,
        plainHttp: flags.options.has("http"),
        host: str(flags, "host"),
        port: port === undefined ? undefined : Number(port),
      });
      return 0;
    }
    const settings = loadSettings(settingsFile);
    if (command === "keys") return await keys(settings, flags);
    if (command === "credentials") return credentials(settings, flags);
    console.error(`unknown command "${command}" (serve, setup, keys, credentials)`);
    return 2;
  } catch (e) {
    if (e instanceof SettingsError) console.error(`xks-proxy: ${e.message}`);
    else if (isXksError(e)) console.error(`xks-proxy: ${e.errorName}: ${e.message}`);
    else console.error(`xks-proxy: ${(e as Error).message}`);
    return 1;
  }
}
