import "server-only";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { parse as parseToml } from "smol-toml";
import { dataPath, env } from "@/lib/server/platform/env.ts";
import { AppError } from "@/lib/server/platform/errors.ts";

// LOCAL BACKEND ONLY. The console's side of the local XKS proxy (lib/xks-proxy): where it lives and its
// management API, JSON over HTTP on the Unix socket in its folder (lib/xks-proxy/admin/admin-api.ts).
// The proxy is its own process; the console never opens its token, it asks the running proxy.
// Where: XKS_PROXY_SETTINGS_TOML, else <KEYHOLD_DATA_DIR>/xks-proxy/settings.toml (as the proxy itself
// reads it); the socket is the file's admin.socket (default admin.sock), relative to its folder.

export const START_PROXY_COMMAND = "npm run xks-proxy";

/** The proxy's settings file, or undefined when the local backend has no proxy set up. */
export function localProxySettingsFile(): string | undefined {
  if (env().KEYHOLD_BACKEND !== "local") return undefined;
  const file = path.resolve(env().XKS_PROXY_SETTINGS_TOML ?? dataPath("xks-proxy", "settings.toml"));
  return fs.existsSync(file) ? file : undefined;
}

export function isLocalXksProxyConfigured(): boolean {
  return localProxySettingsFile() !== undefined;
}

/** The settings file, parsed (only the parts the console reads). */
export function readProxySettings(file: string): {
  text: string;
  adminSocket: string;
  stores: { prefix: string; keyIds: string[] }[];
  port?: number;
} {
  const text = fs.readFileSync(file, "utf8");
  const raw = parseToml(text) as {
    admin?: { socket?: string };
    server?: { port?: number };
    external_key_stores?: { uri_path_prefix?: string; xks_key_id_set?: string[] }[];
  };
  return {
    text,
    adminSocket: path.resolve(path.dirname(file), raw.admin?.socket ?? "admin.sock"),
    stores: (raw.external_key_stores ?? []).map((s) => ({ prefix: s.uri_path_prefix ?? "", keyIds: s.xks_key_id_set ?? [] })),
    port: raw.server?.port,
  };
}

function proxyNotSetUp(): AppError {
  return new AppError({
    code: "XksProxyNotConfigured",
    safeMessage: "There is no local XKS proxy: the local backend has no data/xks-proxy/settings.toml. Run npm run xks-proxy -- setup.",
  });
}

/** The settings file of the local proxy, or an error saying how to set one up. */
export function requireProxySettingsFile(): string {
  if (env().KEYHOLD_BACKEND !== "local") {
    throw new AppError({
      code: "UnsupportedOperationException",
      safeMessage: "External keys are managed here with the local backend only.",
    });
  }
  const file = localProxySettingsFile();
  if (!file) throw proxyNotSetUp();
  return file;
}

/** The proxy answered the admin call with an error ({ error: { code, message } }). */
function adminError(status: number, json: unknown): AppError {
  const e = (json as { error?: { code?: string; message?: string } } | null)?.error;
  const code = e?.code && /^[A-Za-z]+$/.test(e.code) ? e.code : "XksProxyAdminError";
  return new AppError({
    code: status === 404 && code === "BadRequest" ? "NotFoundException" : code,
    safeMessage: e?.message ? `The XKS proxy refused: ${e.message}` : `The XKS proxy answered ${status}.`,
  });
}

/**
 * One call to the running proxy's management API. Undefined when no proxy listens on the socket
 * (not started, or stopped); an AppError when it answers with an error.
 */
export function callProxyAdmin<T>(socketPath: string, method: "GET" | "POST", route: string, body?: unknown): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? "" : JSON.stringify(body);
    const req = http.request(
      { socketPath, method, path: route, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          let json: unknown = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
          } catch {
            return reject(
              new AppError({
                code: "XksProxyAdminError",
                safeMessage: "The XKS proxy's management API answered something that is not JSON.",
              }),
            );
          }
          if (res.statusCode === 200) resolve(json as T);
          else reject(adminError(res.statusCode ?? 500, json));
        });
      },
    );
    // Nothing listens: the socket file is missing (ENOENT) or left behind by a proxy that died (ECONNREFUSED).
    req.on("error", (e: NodeJS.ErrnoException) => (e.code === "ENOENT" || e.code === "ECONNREFUSED" ? resolve(undefined) : reject(e)));
    req.setTimeout(30_000, () => req.destroy(new Error("the XKS proxy's management API did not answer within 30 s")));
    req.end(payload);
  });
}

/** The proxy is set up but not running: say so, with the command that starts it. */
export function proxyNotRunning(): AppError {
  return new AppError({
    code: "XksProxyNotRunning",
    safeMessage: `The local XKS proxy is not running. Start it with: ${START_PROXY_COMMAND}`,
  });
}
