// The proxy client against "third-party proxies" (plain HTTPS servers of this test), with the default
// timeout (KMS's 250 ms): what it signs and sends, and the kind of failure each real condition is.
import fs from "node:fs";
import type http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureTlsFiles } from "@/lib/xks-proxy/config/tls-files.ts";
import { removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { verifySigV4 } from "@/lib/server/platform/sigv4/verify-sigv4.ts";
import { normalizeHeaders } from "@/lib/server/platform/sigv4/http-types.ts";
import { env } from "@/lib/server/platform/env.ts";
import { callXksProxy, type XksProxyTarget } from "./xks-proxy-client.ts";
import { getHealthStatus } from "./xks-api.ts";
import { connectionErrorCodeOfXks, cryptoExceptionOfXks, keyStoreExceptionOfXks } from "./xks-errors.ts";
import { XksFailure } from "./xks-failure.ts";
import { xksAgent } from "./xks-trust.ts";

const dir = useTempDataDir("xks-client");
const servers: https.Server[] = [];
let tls: { cert: string; key: string };
const seen: { headers: Record<string, unknown>; body: string; path: string }[] = [];

beforeAll(async () => {
  // A CA and server certificate (localhost, 127.0.0.1) as any proxy's set-up makes them; the CA is the
  // one a user trusts for their own proxy (KEYHOLD_XKS_CA_FILE).
  tls = await serverCertificate("trusted");
  process.env.KEYHOLD_XKS_CA_FILE = path.join(dir, "trusted", "ca.crt");
});

afterAll(() => {
  for (const s of servers) s.close();
  xksAgent().destroy();
  removeTempDataDir(dir);
});

async function serverCertificate(name: string): Promise<{ cert: string; key: string }> {
  const files = {
    caCertificate: path.join(dir, name, "ca.crt"),
    certificate: path.join(dir, name, "server.crt"),
    privateKey: path.join(dir, name, "server.key"),
  };
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  await ensureTlsFiles(files);
  return { cert: fs.readFileSync(files.certificate, "utf8"), key: fs.readFileSync(files.privateKey, "utf8") };
}

async function server(handler: http.RequestListener, files = tls): Promise<string> {
  const s = https.createServer(files, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), path: req.url ?? "" });
      handler(req, res);
    });
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `https://localhost:${(s.address() as AddressInfo).port}`;
}

// A generous limit for the calls that test something else: shared test cores can make a TLS handshake
// alone take longer than 250 ms. The timeout test uses the default.
const target = (uriEndpoint: string, opts: { defaultTimeout?: boolean } = {}): XksProxyTarget => ({
  uriEndpoint,
  timeoutMs: opts.defaultTimeout ? undefined : 5000,
  uriPath: "/tenant/kms/xks/v1",
  accessKeyId: "AKIAXKSPROXYCLIENT234",
  secretAccessKey: "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldC0=",
  region: "us-east-1",
});

async function failureOf(p: Promise<unknown>): Promise<XksFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof XksFailure) return e;
    throw e;
  }
  throw new Error("expected the call to fail");
}

describe("callXksProxy", () => {
  it("POSTs JSON signed with SigV4 for kms-xks-proxy (host;x-amz-date), verifiable by the platform's verifier", async () => {
    const url = await server((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
    const t = target(url);
    const { body } = await callXksProxy(t, { keyId: "key-1", op: "metadata" }, { requestMetadata: { kmsRequestId: "r1" } });
    expect(body).toEqual({ ok: true });
    const request = seen.at(-1)!;
    expect(request.path).toBe("/tenant/kms/xks/v1/keys/key-1/metadata");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(String(request.headers.authorization)).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAXKSPROXYCLIENT234\/\d{8}\/us-east-1\/kms-xks-proxy\/aws4_request, SignedHeaders=host;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    const verified = await verifySigV4(
      {
        method: "POST",
        path: request.path,
        headers: normalizeHeaders(request.headers as Record<string, string>),
        body: Buffer.from(request.body),
      },
      {
        region: "us-east-1",
        services: ["kms-xks-proxy"],
        lookupAccessKey: async (id) =>
          id === t.accessKeyId
            ? { secretAccessKey: t.secretAccessKey, principalArn: "arn:aws:iam::111122223333:user/kms", userName: "kms" }
            : null,
      },
    );
    expect(verified.accessKeyId).toBe(t.accessKeyId);
  });

  it("times out after 250 ms by default (XKS_PROXY_TIMED_OUT)", async () => {
    expect(env().KEYHOLD_XKS_TIMEOUT_MS).toBe(250);
    const url = await server((_req, res) => setTimeout(() => res.writeHead(200).end("{}"), 1500));
    const started = performance.now();
    const f = await failureOf(callXksProxy(target(url, { defaultTimeout: true }), "health", {}));
    const elapsed = performance.now() - started;
    expect([f.kind, f.message]).toEqual(["timeout", "no answer within 250 ms"]);
    expect(elapsed).toBeGreaterThanOrEqual(245);
    expect(elapsed).toBeLessThan(1200);
    expect(connectionErrorCodeOfXks(f)).toBe("XKS_PROXY_TIMED_OUT");
    expect(keyStoreExceptionOfXks(f, url).code).toBe("XksProxyUriUnreachableException");
  });

  it("maps the proxy's errorName, a body it cannot interpret, an untrusted certificate and a closed port", async () => {
    const answer = (status: number, body: string) => server((_req, res) => res.writeHead(status).end(body));
    const cases: [string, string, string][] = [
      [
        await answer(401, '{"errorName":"AuthenticationFailedException"}'),
        "INVALID_CREDENTIALS",
        "XksProxyIncorrectAuthenticationCredentialException",
      ],
      [await answer(403, '{"errorName":"AccessDeniedException"}'), "XKS_PROXY_ACCESS_DENIED", "XksProxyInvalidConfigurationException"],
      [
        await answer(404, '{"errorName":"InvalidUriPathException"}'),
        "XKS_PROXY_INVALID_CONFIGURATION",
        "XksProxyInvalidConfigurationException",
      ],
      [await answer(400, '{"errorName":"ValidationException"}'), "XKS_PROXY_INVALID_RESPONSE", "XksProxyInvalidResponseException"],
      [await answer(429, '{"errorName":"ThrottlingException"}'), "XKS_PROXY_NOT_REACHABLE", "XksProxyUriUnreachableException"],
      [await answer(503, '{"errorName":"DependencyTimeoutException"}'), "XKS_PROXY_NOT_REACHABLE", "XksProxyUriUnreachableException"],
      [await answer(500, "<html>oops</html>"), "XKS_PROXY_INVALID_RESPONSE", "XksProxyInvalidResponseException"],
      [await answer(200, "[1,2]"), "XKS_PROXY_INVALID_RESPONSE", "XksProxyInvalidResponseException"],
    ];
    cases.push([
      await server((_req, res) => res.end("{}"), await serverCertificate("untrusted")),
      "XKS_PROXY_INVALID_TLS_CONFIGURATION",
      "XksProxyUriUnreachableException",
    ]);
    const closed = await server(() => undefined);
    await new Promise((r) => servers.pop()!.close(r));
    cases.push([closed, "XKS_PROXY_NOT_REACHABLE", "XksProxyUriUnreachableException"]);
    for (const [url, code, exception] of cases) {
      const f = await failureOf(callXksProxy(target(url), "health", {}));
      expect([url, connectionErrorCodeOfXks(f), f.kind === "tls" || f.kind === "unreachable" ? "" : f.message]).toEqual([
        url,
        code,
        f.kind === "tls" || f.kind === "unreachable" ? "" : f.message,
      ]);
      expect(keyStoreExceptionOfXks(f, url).code).toBe(exception);
      expect(cryptoExceptionOfXks(f, "arn:aws:kms:us-east-1:111122223333:key/k").code).toBe("KMSInvalidStateException");
    }
  });

  it("health: every external key manager UNAVAILABLE is XKS_PROXY_NOT_REACHABLE; a fleet out of the spec's range is an invalid response", async () => {
    const health = (fleet: unknown[]) =>
      server((_req, res) =>
        res
          .writeHead(200)
          .end(
            JSON.stringify({ xksProxyFleetSize: 2, xksProxyVendor: "V", xksProxyModel: "M 1.0", ekmVendor: "E", ekmFleetDetails: fleet }),
          ),
      );
    const meta = { kmsRequestId: "r", kmsOperation: "KmsHealthCheck" };
    const down = await health([
      { id: "a", model: "m", healthStatus: "UNAVAILABLE" },
      { id: "b", model: "m", healthStatus: "UNAVAILABLE" },
    ]);
    expect(connectionErrorCodeOfXks(await failureOf(getHealthStatus(target(down), meta)))).toBe("XKS_PROXY_NOT_REACHABLE");
    const degraded = await health([
      { id: "a", model: "m", healthStatus: "DEGRADED" },
      { id: "b", model: "m", healthStatus: "UNAVAILABLE" },
    ]);
    expect((await getHealthStatus(target(degraded), meta)).ekmFleetDetails.map((f) => f.healthStatus)).toEqual(["DEGRADED", "UNAVAILABLE"]);
    const empty = await health([]);
    expect(connectionErrorCodeOfXks(await failureOf(getHealthStatus(target(empty), meta)))).toBe("XKS_PROXY_INVALID_RESPONSE");
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({ requestMetadata: meta });
  });
});
