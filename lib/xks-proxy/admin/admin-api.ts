import "server-only";
import fs from "node:fs";
import http from "node:http";
import { readCredentialRecords } from "../config/credentials.ts";
import { isXksError } from "../errors.ts";
import type { KeyCatalog, UsageChoice } from "../keys/key-catalog.ts";
import { log } from "../log.ts";
import type { LiveConfig } from "../server/live-config.ts";

// The proxy's management API: JSON over HTTP on a Unix socket in the proxy's folder (0700 folder, 0600
// socket: whoever may read the token files may manage keys, nobody else). The CLI uses it while the
// proxy runs (only the process that owns the token may create keys), and the console can later.
//   GET  /v1/keys                       → { keys: [{ keyId, keySpec, keyUsage, keyStatus, prefixes }] }
//   POST /v1/keys {keyId, usage?}       → the new key (usage ENCRYPT_DECRYPT | ENCRYPT | DECRYPT)
//   POST /v1/keys/<keyId>/disable|enable → the key
//   GET  /v1/credentials                → { credentials: [{ prefix, accessKeyId, createdAt }] } (never a secret)
//   POST /v1/reload                     → re-reads settings and credentials (as SIGHUP does)
// Errors: { error: { code, message } } with 400/404/500.

export type AdminDeps = { catalog: KeyCatalog; live: LiveConfig };

export async function keysWithPrefixes(deps: AdminDeps) {
  const keys = await deps.catalog.list();
  const stores = [...deps.live.stores.values()];
  return keys.map((k) => ({ ...k, prefixes: stores.filter((s) => s.keyIds.has(k.keyId)).map((s) => s.prefix) }));
}

async function route(deps: AdminDeps, method: string, path: string, body: Record<string, unknown>): Promise<unknown> {
  if (method === "GET" && path === "/v1/keys") return { keys: await keysWithPrefixes(deps) };
  if (method === "POST" && path === "/v1/keys") {
    if (typeof body.keyId !== "string") throw Object.assign(new Error("keyId is required"), { status: 400 });
    const usage = (body.usage ?? "ENCRYPT_DECRYPT") as UsageChoice;
    if (!["ENCRYPT_DECRYPT", "ENCRYPT", "DECRYPT"].includes(usage)) {
      throw Object.assign(new Error("usage is ENCRYPT_DECRYPT, ENCRYPT or DECRYPT"), { status: 400 });
    }
    return deps.catalog.create(body.keyId, usage);
  }
  const m = /^\/v1\/keys\/([^/]+)\/(disable|enable)$/.exec(path);
  if (method === "POST" && m) return deps.catalog.setStatus(decodeURIComponent(m[1]!), m[2] === "disable" ? "DISABLED" : "ENABLED");
  if (method === "GET" && path === "/v1/credentials") {
    const records = readCredentialRecords(deps.live.settings.paths.credentials);
    return { credentials: records.map(({ prefix, accessKeyId, createdAt }) => ({ prefix, accessKeyId, createdAt })) };
  }
  if (method === "POST" && path === "/v1/reload")
    return { settings: deps.live.reloadSettings(), credentials: deps.live.reloadCredentials() };
  throw Object.assign(new Error(`no such admin route: ${method} ${path}`), { status: 404 });
}

export async function startAdminApi(socketPath: string, deps: AdminDeps): Promise<{ close: () => Promise<void> }> {
  fs.rmSync(socketPath, { force: true });
  // Key creation runs C_GenerateKey on libuv's pool: shutdown waits for it (C_Finalize during it would crash).
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const server = http.createServer((req, res) => {
    inFlight++;
    res.on("close", () => {
      if (--inFlight === 0) drained?.();
    });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        let status = 200;
        let payload: unknown;
        try {
          const text = Buffer.concat(chunks).toString("utf8");
          const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          payload = await route(deps, req.method ?? "GET", req.url ?? "/", body);
        } catch (e) {
          status = isXksError(e) ? (e.status === 404 ? 404 : 400) : ((e as { status?: number }).status ?? 500);
          const code = isXksError(e) ? e.errorName : status === 500 ? "InternalError" : "BadRequest";
          payload = { error: { code, message: status === 500 ? "The proxy failed to process the request." : (e as Error).message } };
          if (status === 500) log("error", "admin request failed", { detail: String((e as Error)?.stack ?? e) });
        }
        const text = JSON.stringify(payload);
        res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
        res.end(text);
        log("info", "admin request", { method: req.method, path: req.url, status });
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => resolve());
  });
  fs.chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close();
        server.closeIdleConnections();
        fs.rmSync(socketPath, { force: true });
        if (inFlight === 0) return resolve();
        const timer = setTimeout(resolve, 30_000);
        drained = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
}

/** Calls the running proxy's admin API; undefined when no proxy listens on the socket. */
export function callAdminApi(
  socketPath: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown } | undefined> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ socketPath, method, path, headers: payload ? { "content-type": "application/json" } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 500, json: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") }));
    });
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "ENOENT" || e.code === "ECONNREFUSED" ? resolve(undefined) : reject(e)));
    req.end(payload);
  });
}
