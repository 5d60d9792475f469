import "server-only";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "@/lib/server/platform/database-url.ts";

// The process environment, parsed once. Everything else reads configuration from here.
const ZEnv = z.object({
  KEYHOLD_BACKEND: z.enum(["local", "aws"]).default("local"),
  KEYHOLD_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must look like us-east-1")
    .default("us-east-1"),
  KEYHOLD_ACCOUNT_ID: z
    .string()
    .regex(/^\d{12}$/, "must be 12 digits")
    .default("111122223333"),
  AWS_REGION: z.string().optional(),
  // Endpoint overrides for KEYHOLD_BACKEND=aws, named as the SDKs name them. The KMS client reads
  // AWS_ENDPOINT_URL_KMS itself; the CloudHSM v2 client (3.332) predates them, lib/server/aws applies these.
  AWS_ENDPOINT_URL: z.string().url().optional(),
  AWS_ENDPOINT_URL_CLOUDHSM_V2: z.string().url().optional(),
  AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: z.string().optional(),
  // 32 bytes, base64 or hex, that seal every secret at rest; else data/master.key (secrets/master-key.ts).
  KEYHOLD_MASTER_KEY: z.string().optional(),
  PKCS11_MODULE: z.string().default("/usr/lib/softhsm/libsofthsm2.so"),
  SOFTHSM2_CONF: z.string().optional(),
  // The XKS proxy (lib/xks-proxy): its settings file (else <data>/xks-proxy/settings.toml), and its token's
  // user PIN when it comes from a secret store rather than sealed in the settings.
  XKS_PROXY_SETTINGS_TOML: z.string().min(1).optional(),
  XKS_PROXY_USER_PIN: z.string().min(1).optional(),
  KEYHOLD_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  // Local service: custom key stores per account and Region. KMS's limit is 10 and cannot be raised; raise
  // it here only for a test rig that creates more stores than it can delete (a store whose keys are still
  // pending deletion cannot be deleted for 7 days). The console's table follows it in local mode.
  KEYHOLD_CUSTOM_KEY_STORE_LIMIT: z.coerce.number().int().min(1).max(1000).default(10),
  // KMS keys per account and Region (KMS: 100,000); lower it to see LimitExceededException without
  // creating that many keys.
  KEYHOLD_KMS_KEY_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(100_000),
  // Cryptographic requests per second shared by the keys of one custom key store (KMS: 1,800).
  KEYHOLD_CKS_CRYPTO_RPS: z.coerce.number().positive().default(1800),
  // Worker threads that run AES-GCM on the PKCS#11 tokens (hsm/crypto-threads.ts), off the main thread.
  KEYHOLD_HSM_THREADS: z.coerce.number().int().min(1).max(8).default(1),
  // Local service: how long a connect or disconnect of a custom key store takes. KMS takes minutes; a
  // few seconds here let an application (and the console's own badges) meet CONNECTING and DISCONNECTING.
  KEYHOLD_LOCAL_CONNECTION_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  // External key stores (kms-service/xks/): how long one call to an XKS proxy may take (KMS: 250 ms, spec
  // xks-proxy.md §1.1), and a PEM file of extra CAs to trust for proxies' TLS certificates, beside the
  // system roots and the local proxy's CA (data/xks-proxy/tls/ca.crt) that set-up made.
  KEYHOLD_XKS_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(250),
  KEYHOLD_XKS_CA_FILE: z.string().optional(),
  // How long the local endpoint's audit events may wait to be written in one batch (audit-writer.ts).
  KEYHOLD_AUDIT_FLUSH_MS: z.coerce.number().int().min(1).max(60_000).default(200),
  // Which of the local endpoint's audit events are written before the request is answered (survive a
  // hard kill): "changes", those of state-changing operations; "all", every authenticated request's.
  KEYHOLD_AUDIT_DURABLE: z.enum(["changes", "all"]).default("changes"),
  // Benches only: a file that timed spans of slow operations (CreateKey) are appended to, one JSON line
  // each (bench-spans.ts, bench/create-key.bench.ts). Unset: nothing is timed.
  KEYHOLD_BENCH_SPANS_FILE: z.string().min(1).optional(),
  // scrypt cost (log2 N) of new password hashes. 17 is OWASP's minimum (password-hash.ts); the unit tests
  // run at 15 (vitest.config.ts) because their throttle checks hash ~70 passwords at once. Never below 15.
  KEYHOLD_PASSWORD_SCRYPT_LOG2N: z.coerce.number().int().min(15).max(20).default(17),
  // How many days audit events are kept; older ones are deleted in the background (audit-retention.ts).
  KEYHOLD_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  // Status cache poller: interval while a store is CONNECTING/DISCONNECTING, interval otherwise, how often
  // it also counts each store's keys, and "off" to run no poller in this process.
  KEYHOLD_STATUS_FAST_POLL_MS: z.coerce.number().int().min(200).default(1_000),
  KEYHOLD_STATUS_POLL_MS: z.coerce.number().int().min(500).default(10_000),
  KEYHOLD_STATUS_KEY_COUNT_MS: z.coerce.number().int().min(500).default(30_000),
  KEYHOLD_STATUS_POLLER: z.enum(["on", "off"]).default("on"),
  // server.ts: where the console (pages, API and the /api/aws wire endpoint) listens.
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  KEYHOLD_HOST: z.string().default("127.0.0.1"),
  // Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated). From anyone else
  // the header is replaced by the connection's own address (platform/http/client-address.ts).
  KEYHOLD_TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform(
      (s) =>
        new Set(
          s
            .split(",")
            .map((a) => a.trim())
            .filter(Boolean),
        ),
    ),
  // Origins (scheme://host[:port], comma-separated) besides the console's own from which state-changing
  // API requests are accepted, e.g. the public address of a reverse proxy that rewrites Host.
  KEYHOLD_ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((s, ctx) => {
      const origins = new Set<string>();
      for (const raw of s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean)) {
        try {
          const url = new URL(raw);
          if ((url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== raw.replace(/\/$/, "")) throw new Error();
          origins.add(url.origin);
        } catch {
          ctx.addIssue({ code: "custom", message: `'${raw}' is not an origin like https://keyhold.example.com` });
        }
      }
      return origins;
    }),
  NODE_ENV: z.string().optional(),
});

export type Env = z.infer<typeof ZEnv> & { dataDir: string; region: string };

let parsed: Env | undefined;

export function env(): Env {
  if (!parsed) {
    const result = ZEnv.safeParse(process.env);
    if (!result.success) {
      const issues = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid environment: ${issues}`);
    }
    const e = result.data;
    parsed = {
      ...e,
      dataDir: dataDir(),
      region: e.KEYHOLD_BACKEND === "aws" ? (e.AWS_REGION ?? e.KEYHOLD_REGION) : e.KEYHOLD_REGION,
    };
  }
  return parsed;
}

/** Paths under the data folder (git-ignored, 0700). */
export function dataPath(...parts: string[]): string {
  return path.join(env().dataDir, ...parts);
}
