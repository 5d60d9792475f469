// Keyhold's server process: `npm start` (via scripts/start.sh) and the e2e suite run it. It serves the
// KMS / CloudHSM wire endpoint (/api/aws) itself, ahead of Next's router (a protocol server on the hot
// path of applications must not pay for page routing), hands every other request to Next, and owns the
// process's lifecycle: Next prepared and migrations applied before it listens, the background workers,
// and an orderly shutdown on SIGTERM/SIGINT (lib/server/platform/lifecycle.ts).
//
// Run with `node --import tsx --import ./scripts/server/server-only-hook.mjs server.ts [--dev]` (npm run
// serve / dev): the hook lets lib/server's `import "server-only"` load outside Next's bundles (the
// react-server condition would, but it breaks Next itself). Process-wide state lives on globalThis, so
// this copy of lib/server and Next's bundled copies share one PKCS#11 module, database client and caches.
import http from "node:http";
// Before Next, which replaces the global Date: the wire endpoint keeps the engine's (engine-date.ts).
import "./lib/server/kms-service/wire/engine-date.ts";
import next from "next";
import { deployMigrations } from "./scripts/db/schema-engine.mjs";
import { databaseProvider, databaseUrl, sqliteFilePath } from "./lib/server/platform/database-url.ts";
import { env } from "./lib/server/platform/env.ts";
import { isTrustedProxy, trustedForwardedFor } from "./lib/server/platform/http/client-address.ts";
import { exitOnSignals, isShuttingDown, onShutdown } from "./lib/server/platform/lifecycle.ts";

const dev = process.argv.includes("--dev");
const config = env();

const app = next({ dev, dir: process.cwd(), hostname: config.KEYHOLD_HOST, port: config.PORT });
const handleWithNext = app.getRequestHandler();
await app.prepare();
await applyMigrations();

const { serveWireRequest } = await import("./lib/server/kms-service/wire/wire-endpoint.ts");
await startWorkers();

// Headers past 16 KiB are refused by node (431) before any of our code or Next's runs; a User-Agent
// past 512 characters is cut, since Next matches it against a regular expression on every request.
const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (req, res) => {
  const peer = req.socket.remoteAddress ?? "";
  if (isWirePath(req.url)) {
    // The wire endpoint reads the raw headers (SigV4 signs them) and never req.headers, which node
    // builds on first use: the caller's address is decided here and handed over.
    const sourceIp = trustedForwardedFor(peer, rawForwardedFor(req, peer), config.KEYHOLD_TRUSTED_PROXIES);
    if (isShuttingDown()) res.setHeader("Connection", "close");
    serveWireRequest(req, res, sourceIp).catch((e: unknown) => fail(res, e));
    return;
  }
  req.headers["x-forwarded-for"] = trustedForwardedFor(peer, forwardedFor(req), config.KEYHOLD_TRUSTED_PROXIES);
  // What a proxy says about the original request (TLS: HSTS and Secure cookies; host) is believed only
  // from a trusted proxy; anyone else could claim https or another host.
  if (!isTrustedProxy(peer, config.KEYHOLD_TRUSTED_PROXIES)) {
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-host"];
  }
  const ua = req.headers["user-agent"];
  if (ua && ua.length > 512) req.headers["user-agent"] = ua.slice(0, 512);
  if (isShuttingDown()) res.setHeader("Connection", "close");
  handleWithNext(req, res).catch((e: unknown) => fail(res, e));
});
onShutdown("http server", "intake", () => closeServer(server));
exitOnSignals();

server.listen(config.PORT, config.KEYHOLD_HOST, () => {
  console.log(`Keyhold: serving on http://${config.KEYHOLD_HOST}:${config.PORT} (${dev ? "development" : "production"})`);
});

/** /api/aws and /api/aws/ (the JavaScript SDKs add the slash), with or without a query string. */
function isWirePath(url: string | undefined): boolean {
  if (!url?.startsWith("/api/aws")) return false;
  const rest = url.slice(8);
  return rest === "" || rest === "/" || rest.startsWith("?") || rest.startsWith("/?");
}

function forwardedFor(req: http.IncomingMessage): string | undefined {
  const v = req.headers["x-forwarded-for"];
  return Array.isArray(v) ? v.join(",") : v;
}

/** X-Forwarded-For from the raw headers, read only when a trusted proxy could have set it. */
function rawForwardedFor(req: http.IncomingMessage, peer: string): string | undefined {
  if (!isTrustedProxy(peer, config.KEYHOLD_TRUSTED_PROXIES)) return undefined;
  const hops: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === "x-forwarded-for") hops.push(req.rawHeaders[i + 1]!);
  }
  return hops.length ? hops.join(",") : undefined;
}

function fail(res: http.ServerResponse, e: unknown): void {
  console.error("[keyhold] request failed:", e);
  if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
  res.end();
}

async function applyMigrations(): Promise<void> {
  const url = databaseUrl();
  const { appliedMigrationNames } = await deployMigrations({ url });
  if (appliedMigrationNames.length) console.log(`Keyhold: applied migrations ${appliedMigrationNames.join(", ")}`);
  if (databaseProvider(url) === "sqlite") {
    // WAL is a property of the database file: readers no longer wait on a writer's commit.
    const { default: Database } = await import("better-sqlite3");
    const file = new Database(sqliteFilePath(url));
    file.pragma("journal_mode = WAL");
    file.close();
  }
}

/** The status cache poller (both backends), audit retention and, for the local service, the key-deletion sweeper. */
async function startWorkers(): Promise<void> {
  const { startAuditRetention } = await import("./lib/server/platform/audit/audit-retention.ts");
  startAuditRetention();
  if (config.KEYHOLD_STATUS_POLLER === "on") {
    const { startStatusPoller } = await import("./lib/server/console/status/status-poller.ts");
    startStatusPoller();
  }
  if (config.KEYHOLD_BACKEND === "local") {
    const { startKeyDeletionSweeper } = await import("./lib/server/kms-service/keys/key-deletion-sweeper.ts");
    startKeyDeletionSweeper();
  }
}

/** Stops accepting, lets open requests finish, then closes idle keep-alive connections. */
function closeServer(s: http.Server): Promise<void> {
  return new Promise((resolve) => {
    s.close(() => resolve());
    s.closeIdleConnections();
  });
}
