import "server-only";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/server/platform/env.ts";
import { addCredential, kmsConsoleJson, readCredentialRecords, type NewCredential } from "./config/credentials.ts";
import { DEFAULT_PORT, defaultSettingsPath, loadSettings, XKS_API_PATH } from "./config/settings.ts";
import { ensureTlsFiles } from "./config/tls-files.ts";
import { KeyCatalog } from "./keys/key-catalog.ts";
import { ensureHealthKey, ensureProxyToken, openProxyToken } from "./keys/proxy-token.ts";

// Set-up, idempotent: the proxy's folder (0700), settings.toml (written once; then it is the operator's),
// the PKCS#11 token with random PINs sealed into settings.toml, the health-check key, a demo key on the
// default prefix's allow-list, the local CA and server certificate, and the first credential of each
// prefix that has none (its secret is returned to be shown once, never stored in clear).

export const DEFAULT_PREFIX = "/keyhold";
export const DEMO_KEY_ID = "keyhold-demo-key";
export const DEFAULT_TOKEN_LABEL = "keyhold-xks-proxy";

export type SetupResult = {
  settingsFile: string;
  settingsCreated: boolean;
  tokenCreated: boolean;
  tlsCreated: boolean;
  caCertificate: string;
  newCredentials: NewCredential[];
  kmsConsoleFiles: string[];
};

function defaultSettingsText(opts: { port: number; region: string; userPinSealed: string; soPinSealed: string }): string {
  return `# Keyhold XKS proxy settings (lib/xks-proxy/README.md explains every setting).
# Relative paths are relative to this file's folder. After editing, send SIGHUP (or restart) to apply.

[server]
ip = "127.0.0.1"
port = ${opts.port}
# Regions a SigV4 credential scope may name ("*" accepts any).
region_allow_list = ["${opts.region}"]
keep_alive_timeout_ms = 65000
# Returned with every Encrypt and bound into the AAD (at most 20 bytes, base64): "kh1" = this AAD scheme.
ciphertext_metadata_b64 = "a2gx"

[tls]
certificate = "tls/server.crt"
private_key = "tls/server.key"

[security]
# SigV4 credentials per prefix, secrets sealed; manage with: npm run xks-proxy -- credentials ...
credentials_file = "credentials.json"
max_clock_skew_seconds = 300

[[external_key_stores]]
uri_path_prefix = "${DEFAULT_PREFIX}"
xks_key_id_set = ["${DEMO_KEY_ID}"]
throttle_rps = 1800

[pkcs11]
module = "/usr/lib/softhsm/libsofthsm2.so"
softhsm2_conf = "softhsm2.conf"
token_label = "${DEFAULT_TOKEN_LABEL}"
# Sealed with Keyhold's master key (or set XKS_PROXY_USER_PIN).
user_pin_sealed = "${opts.userPinSealed}"
so_pin_sealed = "${opts.soPinSealed}"

[limits]
max_plaintext_in_base64 = 8192
max_aad_in_base64 = 16384

[health]
cache_seconds = 5
degraded_latency_ms = 35

[tracing]
level = "info"
`;
}

export async function setupProxy(options: { settingsFile?: string; port?: number; region?: string } = {}): Promise<SetupResult> {
  const settingsFile = options.settingsFile ?? defaultSettingsPath();
  const home = path.dirname(settingsFile);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.chmodSync(home, 0o700);
  let settingsCreated = false;
  let tokenCreated = false;
  if (!fs.existsSync(settingsFile)) {
    // The token first (its PINs go into the file), with the file's PKCS#11 defaults.
    const bootstrap = `${settingsFile}.new`;
    const region = options.region ?? env().KEYHOLD_REGION;
    fs.writeFileSync(bootstrap, defaultSettingsText({ port: options.port ?? DEFAULT_PORT, region, userPinSealed: "x", soPinSealed: "x" }), {
      mode: 0o600,
    });
    const created = ensureProxyToken(loadSettings(bootstrap));
    if (!created.created) {
      fs.rmSync(bootstrap);
      throw new Error(
        `${settingsFile} is missing but token "${DEFAULT_TOKEN_LABEL}" exists: restore the settings file (its PIN opens the token)`,
      );
    }
    fs.writeFileSync(
      bootstrap,
      defaultSettingsText({
        port: options.port ?? DEFAULT_PORT,
        region,
        userPinSealed: created.userPinSealed!,
        soPinSealed: created.soPinSealed!,
      }),
      { mode: 0o600 },
    );
    fs.renameSync(bootstrap, settingsFile);
    settingsCreated = tokenCreated = true;
  }
  let settings = loadSettings(settingsFile);
  if (!settingsCreated) {
    // Settings kept, token gone (a fresh token directory): a new token, its sealed PINs written into the file.
    const created = ensureProxyToken(settings);
    if (created.created) {
      tokenCreated = true;
      writeSealedPins(settingsFile, created.userPinSealed!, created.soPinSealed!);
      settings = loadSettings(settingsFile);
    }
  }
  const token = openProxyToken(settings);
  const catalog = new KeyCatalog(token, settings.paths.keyStates);
  await ensureHealthKey(token);
  if (settingsCreated) await catalog.create(DEMO_KEY_ID);

  const caCertificate = path.join(path.dirname(settings.paths.certificate), "ca.crt");
  const tlsCreated = await ensureTlsFiles({
    caCertificate,
    certificate: settings.paths.certificate,
    privateKey: settings.paths.privateKey,
  });

  const existing = readCredentialRecords(settings.paths.credentials);
  const newCredentials: NewCredential[] = [];
  for (const store of settings.stores) {
    if (!existing.some((r) => r.prefix === store.prefix)) newCredentials.push(addCredential(settings.paths.credentials, store.prefix));
  }
  return {
    settingsFile,
    settingsCreated,
    tokenCreated,
    tlsCreated,
    caCertificate,
    newCredentials,
    kmsConsoleFiles: newCredentials.map((c) => kmsConsoleJson(c, XKS_API_PATH)),
  };
}

/** Sets pkcs11.user_pin_sealed and so_pin_sealed in the settings file, keeping the rest of its text. */
function writeSealedPins(settingsFile: string, userPinSealed: string, soPinSealed: string): void {
  let text = fs.readFileSync(settingsFile, "utf8");
  for (const [name, value] of [
    ["so_pin_sealed", soPinSealed],
    ["user_pin_sealed", userPinSealed],
  ] as const) {
    const line = `${name} = "${value}"`;
    const existing = new RegExp(`^${name}\\s*=.*$`, "m");
    text = existing.test(text) ? text.replace(existing, line) : text.replace(/^\[pkcs11\]\s*$/m, `[pkcs11]\n${line}`);
  }
  fs.writeFileSync(`${settingsFile}.new`, text, { mode: 0o600 });
  fs.renameSync(`${settingsFile}.new`, settingsFile);
}
