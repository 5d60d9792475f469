import "server-only";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import type tls from "node:tls";
import { errorBody, isXksError, XksError } from "../errors.ts";
import { log, type LogFields } from "../log.ts";
import type { ProxyContext } from "../operations/context.ts";
import { decrypt } from "../operations/decrypt.ts";
import { encrypt } from "../operations/encrypt.ts";
import { getHealthStatus } from "../operations/get-health-status.ts";
import { getKeyMetadata } from "../operations/get-key-metadata.ts";
import { parseJsonBody } from "../operations/request-fields.ts";
import { PROXY_VERSION } from "../version.ts";
import { authenticate } from "./authenticate.ts";
import type { LiveConfig } from "./live-config.ts";
import { matchRoute, type Operation } from "./route.ts";

// The XKS proxy's HTTP(S) server. Per request, in this order (each step's error wins over the later
// ones): route (404 InvalidUriPathException), method (405), body size (501), SigV4 (401), the prefix's
// throttle (429), JSON and fields (400 ValidationException), key allow-list and token (404), key state
// (400 InvalidStateException), size limits (501), base64 (400), crypto (400/500). GET /ping answers
// without authentication for load balancers. No error ever carries a stack; unknown failures are a bare
// InternalException, logged with their detail.

// The spec's suites (spec §1.1): TLS 1.3 AES-256-GCM and ChaCha20-Poly1305, TLS 1.2 ECDHE AES-256-GCM.
export const TLS_CIPHERS = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384";

const OPERATIONS: Record<Operation, (ctx: ProxyContext, req: Parameters<typeof encrypt>[1]) => Promise<unknown>> = {
  GetKeyMetadata: getKeyMetadata,
  Encrypt: encrypt,
  Decrypt: decrypt,
  GetHealthStatus: getHealthStatus,
};

export type XksServer = { url: string; port: number; close: (graceMs: number) => Promise<void>; inFlight: () => number };

export type ServeOptions = { live: LiveConfig; ctx: ProxyContext; plainHttp?: boolean; host?: string; port?: number };

function bodyLimit(live: LiveConfig): number {
  const l = live.settings.limits;
  // The two big fields plus room for the others (metadata, ARNs up to 2048 characters, IV, tag).
  return l.max_plaintext_in_base64 + l.max_aad_in_base64 + 32 * 1024;
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > limit ? undefined : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** DNS names of a peer certificate: its subjectAltName DNS entries, else its subject CN. */
function certificateNames(cert: tls.PeerCertificate): string[] {
  const dns = (cert.subjectaltname ?? "")
    .split(/,\s*/)
    .filter((n) => n.startsWith("DNS:"))
    .map((n) => n.slice(4).toLowerCase());
  if (dns.length > 0) return dns;
  const cn = cert.subject?.CN;
  return typeof cn === "string" ? [cn.toLowerCase()] : [];
}

function send(res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...extra });
  res.end(body);
}

export async function startXksServer(opts: ServeOptions): Promise<XksServer> {
  const { live, ctx } = opts;
  let closing = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight++;
    if (closing) res.setHeader("connection", "close");
    void handle(req, res).finally(() => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const fields: LogFields = { method: req.method, path };
    let status = 200;
    try {
      if (path === "/ping") {
        if (req.method !== "GET" && req.method !== "HEAD") throw new XksError("MethodNotAllowedException", "Use GET for /ping.");
        const text = `pong from keyhold-xks-proxy v${PROXY_VERSION}\n`;
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(text) });
        res.end(req.method === "HEAD" ? undefined : text);
        fields.operation = "Ping";
        return;
      }
      const route = matchRoute(path, live.stores);
      if (!route) throw new XksError("InvalidUriPathException", "The URI path is not valid for this proxy.");
      fields.operation = route.operation;
      fields.prefix = route.store.prefix;
      if (route.keyId) fields.keyId = route.keyId;
      if (req.method !== "POST") throw new XksError("MethodNotAllowedException", "Only POST is allowed on this URI.");
      const body = await readBody(req, bodyLimit(live));
      if (body === undefined) {
        res.setHeader("connection", "close");
        throw new XksError("UnsupportedOperationException", "The request body exceeds this proxy's maximum size.");
      }
      const settings = live.settings;
      fields.accessKeyId = await authenticate(
        route.store.prefix,
        { method: req.method, url, headers: req.headers, body },
        {
          regions: settings.server.region_allow_list,
          maxSkewMs: settings.security.max_clock_skew_seconds * 1000,
          credentials: live.credentials,
        },
      );
      if (!live.buckets.get(route.store.prefix)?.take()) {
        throw new XksError("ThrottlingException", "Request rate exceeds this URI path prefix's quota; retry later.");
      }
      const json = parseJsonBody(req.headers["content-type"], body);
      const result = await OPERATIONS[route.operation](ctx, { store: route.store, keyId: route.keyId, body: json, fields });
      send(res, 200, JSON.stringify(result));
    } catch (e) {
      const error = isXksError(e)
        ? e
        : new XksError("InternalException", "The proxy failed to process the request.", String((e as Error)?.stack ?? e));
      status = error.status;
      fields.errorName = error.errorName;
      if (error.internal) fields.detail = error.internal;
      send(
        res,
        error.status,
        errorBody(error),
        error.errorName === "MethodNotAllowedException" ? { allow: path === "/ping" ? "GET, HEAD" : "POST" } : {},
      );
      if (error.errorName === "InternalException") log("error", "request failed", { ...fields });
    } finally {
      log(status >= 500 ? "warn" : "info", "request", { ...fields, status, ms: Math.round((performance.now() - started) * 1000) / 1000 });
    }
  }

  const settings = live.settings;
  const server = opts.plainHttp
    ? http.createServer(handler)
    : https.createServer(
        {
          cert: fs.readFileSync(settings.paths.certificate),
          key: fs.readFileSync(settings.paths.privateKey),
          minVersion: "TLSv1.2",
          ciphers: TLS_CIPHERS,
          honorCipherOrder: true,
          ALPNProtocols: ["http/1.1"],
          ...(settings.paths.mtlsClientCa
            ? { requestCert: true, rejectUnauthorized: true, ca: fs.readFileSync(settings.paths.mtlsClientCa) }
            : {}),
        },
        handler,
      );
  const clientName = settings.tls.mtls_client_dns_name;
  if (!opts.plainHttp && clientName) {
    // The chain was checked in the handshake (rejectUnauthorized); the name is checked here, before any
    // request is read: a certificate for another name ends the connection.
    server.on("secureConnection", (socket: tls.TLSSocket) => {
      if (!certificateNames(socket.getPeerCertificate()).includes(clientName.toLowerCase())) {
        log("warn", "mTLS: client certificate for another name; connection closed", { expected: clientName });
        socket.destroy();
      }
    });
  }
  server.keepAliveTimeout = settings.server.keep_alive_timeout_ms;
  server.headersTimeout = Math.min(settings.server.request_timeout_ms, settings.server.keep_alive_timeout_ms + 1000);
  server.requestTimeout = settings.server.request_timeout_ms;
  // Many keep-alive requests per connection are the normal case (KMS keeps connections open).
  server.maxRequestsPerSocket = 0;
  // Bytes that are not HTTP/1.1 (or headers too large): a JSON ValidationException, then the connection closes.
  const malformed = errorBody(new XksError("ValidationException", "The request is not valid HTTP/1.1."));
  server.on("clientError", (_err, socket) => {
    if (!socket.writable) return socket.destroy();
    socket.end(
      `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(malformed)}\r\nconnection: close\r\n\r\n${malformed}`,
    );
  });

  const host = opts.host ?? settings.server.ip;
  const port = opts.port ?? settings.server.port;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const shownHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `${opts.plainHttp ? "http" : "https"}://${shownHost}:${actual}`,
    port: actual,
    inFlight: () => inFlight,
    // Stop accepting, let in-flight requests finish (their connections then close), close idle keep-alive
    // connections, and after graceMs cut what is left.
    close: (graceMs) =>
      new Promise<void>((resolve) => {
        closing = true;
        const done = () => {
          clearTimeout(timer);
          server.closeAllConnections();
          resolve();
        };
        const timer = setTimeout(done, graceMs);
        server.close();
        server.closeIdleConnections();
        if (inFlight === 0) done();
        else idle = done;
      }),
  };
}
