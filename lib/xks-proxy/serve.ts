import "server-only";
import fs from "node:fs";
import path from "node:path";
import { onShutdown, shutdown } from "@/lib/server/platform/lifecycle.ts";
import { startAdminApi } from "./admin/admin-api.ts";
import { loadSettings } from "./config/settings.ts";
import { KeyCatalog } from "./keys/key-catalog.ts";
import { ensureHealthKey, openProxyToken } from "./keys/proxy-token.ts";
import { flushLogs, log, setLogLevel } from "./log.ts";
import { HealthCheck } from "./operations/health-check.ts";
import { LiveConfig } from "./server/live-config.ts";
import { startXksServer } from "./server/xks-server.ts";

// Runs the proxy: opens its token, serves the XKS API (HTTPS; --http only on loopback, for tests) and the
// admin API, reloads on SIGHUP, and on SIGTERM/SIGINT stops accepting, finishes what is in flight,
// C_Finalizes the module and exits.

export type ServeFlags = { settingsFile: string; plainHttp?: boolean; host?: string; port?: number };

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export async function serve(flags: ServeFlags): Promise<void> {
  const settings = loadSettings(flags.settingsFile);
  setLogLevel(settings.tracing.level);
  const host = flags.host ?? settings.server.ip;
  if (flags.plainHttp && !LOOPBACK.test(host)) throw new Error(`--http serves on loopback only; server.ip is "${host}"`);

  const token = openProxyToken(settings);
  await ensureHealthKey(token);
  const catalog = new KeyCatalog(token, settings.paths.keyStates);
  const live = new LiveConfig(settings);
  live.watch();
  const health = new HealthCheck(token, () => ({
    cacheMs: live.settings.health.cache_seconds * 1000,
    degradedMs: live.settings.health.degraded_latency_ms,
    modulePath: settings.pkcs11.module,
  }));
  const metadataB64 = settings.server.ciphertext_metadata_b64;
  const ctx = {
    settings: () => live.settings,
    catalog,
    token,
    health,
    ciphertextMetadata: metadataB64 ? Buffer.from(metadataB64, "base64") : undefined,
  };
  const server = await startXksServer({ live, ctx, plainHttp: flags.plainHttp, host, port: flags.port });
  const admin = await startAdminApi(settings.paths.adminSocket, { catalog, live });
  const pidFile = path.join(settings.dir, "proxy.pid");
  fs.writeFileSync(pidFile, `${process.pid}\n`, { mode: 0o600 });

  log("info", "listening", {
    url: server.url,
    adminSocket: settings.paths.adminSocket,
    prefixes: settings.stores.map((s) => s.prefix),
    token,
    pid: process.pid,
  });
  flushLogs();

  process.on("SIGHUP", () => {
    log("info", "SIGHUP: reloading settings and credentials");
    live.reloadSettings();
    live.reloadCredentials();
    setLogLevel(live.settings.tracing.level);
  });

  // Stopped in the platform's order (lib/server/platform/lifecycle.ts): intake (stop accepting, finish
  // what is in flight), workers, then release, where the HSM layer C_Finalizes the module.
  onShutdown("xks-server", "intake", () => server.close(settings.server.shutdown_grace_ms));
  onShutdown("xks-admin", "intake", () => admin.close());
  onShutdown("xks-credentials-watch", "workers", () => live.unwatch());
  onShutdown("xks-pid-file", "release", () => fs.rmSync(pidFile, { force: true }));
  let signals = 0;
  const stop = async (signal: NodeJS.Signals) => {
    if (++signals > 1) return;
    log("info", "shutting down", { signal, inFlight: server.inFlight() });
    await shutdown(settings.server.shutdown_grace_ms + 5_000, (line) =>
      log(/failed|did not stop/.test(line) ? "warn" : "info", line.replace(/^\[keyhold\] /, "")),
    );
    log("info", "stopped", { signal });
    flushLogs();
    process.exit(0);
  };
  process.on("SIGTERM", (signal) => void stop(signal));
  process.on("SIGINT", (signal) => void stop(signal));
}
