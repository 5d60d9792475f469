import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { z } from "zod";
import { dataPath, env } from "@/lib/server/platform/env.ts";

// The proxy's one configuration file (TOML), modelled on the AWS sample proxy's settings.toml where they
// overlap. Validated at start; a bad value stops the proxy with a message naming the setting. Relative
// paths are relative to the settings file's folder. See lib/xks-proxy/README.md for every setting.

export const DEFAULT_PORT = 4443;
export const XKS_API_PATH = "/kms/xks/v1";

/** The proxy's folder: <KEYHOLD_DATA_DIR>/xks-proxy. */
export function proxyHome(): string {
  return dataPath("xks-proxy");
}

/** XKS_PROXY_SETTINGS_TOML, else <data>/xks-proxy/settings.toml. */
export function defaultSettingsPath(): string {
  return path.resolve(env().XKS_PROXY_SETTINGS_TOML ?? path.join(proxyHome(), "settings.toml"));
}

// KMS: XksProxyUriPath matches ^(/[a-zA-Z0-9/_-]+/kms/xks/v\d{1,2})$ and is at most 128 characters, so a
// prefix is empty or "/" followed by those characters, at most 128 - "/kms/xks/v1".length = 117 long.
const PREFIX = /^(\/[a-zA-Z0-9_-]+)*$/;
const KEY_ID = /^[a-zA-Z0-9._-]{1,128}$/;
const B64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const ZStore = z.strictObject({
  uri_path_prefix: z
    .string()
    .max(117, "must be at most 117 characters (the whole XksProxyUriPath is at most 128)")
    .regex(PREFIX, 'must be empty or "/segment[/segment…]" of a-z A-Z 0-9 - _ (no trailing slash)'),
  xks_key_id_set: z.array(z.string().regex(KEY_ID, "key ids are 1-128 characters of A-Z a-z 0-9 - . _")).max(10_000),
  throttle_rps: z.number().positive().default(1800),
  throttle_burst: z.number().int().positive().optional(),
});

const ZSettings = z.strictObject({
  server: z
    .strictObject({
      ip: z.string().min(1).default("127.0.0.1"),
      port: z.number().int().min(1).max(65535).default(DEFAULT_PORT),
      region_allow_list: z
        .array(z.string().regex(/^(\*|[a-z0-9-]{1,64})$/, 'must be a Region name such as "us-east-1", or "*"'))
        .min(1)
        .default(["us-east-1"]),
      keep_alive_timeout_ms: z.number().int().min(1000).max(600_000).default(65_000),
      request_timeout_ms: z.number().int().min(1000).max(600_000).default(10_000),
      shutdown_grace_ms: z.number().int().min(0).max(600_000).default(10_000),
      ciphertext_metadata_b64: z
        .string()
        .regex(B64, "must be standard base64")
        .refine((v) => Buffer.from(v, "base64").length <= 20, "must decode to at most 20 bytes")
        .optional(),
    })
    .prefault({}),
  tls: z
    .strictObject({
      certificate: z.string().min(1).default("tls/server.crt"),
      private_key: z.string().min(1).default("tls/server.key"),
      // Mutual TLS (spec §2.1: SHOULD): client certificates must chain to this CA (PEM) and name this DNS
      // name (KMS presents cks.kms.<Region>.amazonaws.com). Both or neither.
      mtls_client_ca: z.string().min(1).optional(),
      mtls_client_dns_name: z
        .string()
        .regex(/^[a-zA-Z0-9.-]{1,253}$/, "must be a DNS name")
        .optional(),
    })
    .refine((t) => (t.mtls_client_ca === undefined) === (t.mtls_client_dns_name === undefined), {
      message: "set both mtls_client_ca and mtls_client_dns_name, or neither",
    })
    .prefault({}),
  security: z
    .strictObject({
      credentials_file: z.string().min(1).default("credentials.json"),
      max_clock_skew_seconds: z.number().int().min(1).max(900).default(300),
    })
    .prefault({}),
  external_key_stores: z.array(ZStore).min(1, "needs at least one [[external_key_stores]] entry"),
  pkcs11: z.strictObject({
    module: z.string().min(1).default("/usr/lib/softhsm/libsofthsm2.so"),
    softhsm2_conf: z.string().min(1).default("softhsm2.conf"),
    token_label: z.string().min(1).max(32),
    user_pin_sealed: z.string().min(1).optional(),
    so_pin_sealed: z.string().min(1).optional(),
  }),
  limits: z
    .strictObject({
      max_plaintext_in_base64: z.number().int().min(5736, "must allow at least 4300 bytes (5736 base64 characters)").default(8192),
      max_aad_in_base64: z.number().int().min(10924, "must allow at least 8192 bytes (10924 base64 characters)").default(16384),
    })
    .prefault({}),
  health: z
    .strictObject({
      cache_seconds: z.number().min(0).max(59).default(5),
      degraded_latency_ms: z.number().positive().default(35),
    })
    .prefault({}),
  tracing: z.strictObject({ level: z.enum(["debug", "info", "warn", "error"]).default("info") }).prefault({}),
  admin: z.strictObject({ socket: z.string().min(1).default("admin.sock") }).prefault({}),
});

export type RawSettings = z.infer<typeof ZSettings>;
export type StoreSettings = { prefix: string; keyIds: ReadonlySet<string>; throttleRps: number; throttleBurst: number };

export type Settings = Omit<RawSettings, "external_key_stores"> & {
  file: string;
  dir: string;
  stores: StoreSettings[];
  /** Absolute paths. */
  paths: {
    certificate: string;
    privateKey: string;
    mtlsClientCa?: string;
    credentials: string;
    softHsmConf: string;
    adminSocket: string;
    keyStates: string;
  };
};

export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

function issuePath(p: readonly PropertyKey[]): string {
  return p.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i ? "." : ""}${String(part)}`)).join("");
}

/** Reads and validates the settings file; SettingsError names the file and the bad setting. */
export function loadSettings(file = defaultSettingsPath()): Settings {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new SettingsError(`${file}: cannot read the settings file (${(e as NodeJS.ErrnoException).code ?? "error"}).`);
  }
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (e) {
    throw new SettingsError(`${file}: not valid TOML: ${(e as Error).message.split("\n")[0]}`);
  }
  const result = ZSettings.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new SettingsError(`${file}: ${issuePath(issue.path) || "(top level)"}: ${issue.message}`);
  }
  const s = result.data;
  const seen = new Set<string>();
  const stores = s.external_key_stores.map((store, i) => {
    if (seen.has(store.uri_path_prefix)) {
      throw new SettingsError(`${file}: external_key_stores[${i}].uri_path_prefix: "${store.uri_path_prefix}" is used twice`);
    }
    seen.add(store.uri_path_prefix);
    return {
      prefix: store.uri_path_prefix,
      keyIds: new Set(store.xks_key_id_set),
      throttleRps: store.throttle_rps,
      throttleBurst: store.throttle_burst ?? Math.max(1, Math.ceil(store.throttle_rps)),
    };
  });
  const dir = path.dirname(path.resolve(file));
  const at = (p: string) => path.resolve(dir, p);
  const { external_key_stores: _stores, ...rest } = s;
  void _stores;
  return {
    ...rest,
    file: path.resolve(file),
    dir,
    stores,
    paths: {
      certificate: at(s.tls.certificate),
      privateKey: at(s.tls.private_key),
      mtlsClientCa: s.tls.mtls_client_ca === undefined ? undefined : at(s.tls.mtls_client_ca),
      credentials: at(s.security.credentials_file),
      softHsmConf: at(s.pkcs11.softhsm2_conf),
      adminSocket: at(s.admin.socket),
      keyStates: at("key-states.json"),
    },
  };
}
