import "server-only";
import https from "node:https";
import { env } from "@/lib/server/platform/env.ts";
import {
  cachedSigningKey,
  canonicalRequest,
  credentialScope,
  SIGV4_ALGORITHM,
  sha256Hex,
  signatureHex,
  stringToSign,
} from "@/lib/server/platform/sigv4/sigv4-canonical.ts";
import { failureOfSocketError, XksFailure } from "./xks-failure.ts";
import { xksAgent } from "./xks-trust.ts";

// The KMS side of the XKS Proxy API (spec/xks-proxy.md §10): POST JSON over HTTPS to
// XksProxyUriEndpoint + XksProxyUriPath + "/health" | "/keys/{id}/metadata|encrypt|decrypt", signed with
// SigV4 (service kms-xks-proxy, the calling KMS's Region, SignedHeaders host;x-amz-date, body hash of the
// exact bytes sent) by the platform's one SigV4 implementation, within the 250 ms KMS allows. Only what
// the spec says of a proxy is assumed: any conforming proxy works.

export const XKS_SERVICE = "kms-xks-proxy";

/** Where and as whom to call a store's proxy. */
export type XksProxyTarget = {
  /** XksProxyUriEndpoint, e.g. https://xks.example.com (locally also https://localhost:PORT). */
  uriEndpoint: string;
  /** XksProxyUriPath, e.g. /example/prefix/kms/xks/v1. */
  uriPath: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** VPC_ENDPOINT_SERVICE: the address the endpoint service forwards to (Host and TLS name stay the endpoint's). */
  dialUrl?: string;
  /** Per-call limit; KEYHOLD_XKS_TIMEOUT_MS (250 ms, as KMS) when absent. */
  timeoutMs?: number;
};

export type XksCallResult = { body: Record<string, unknown>; latencyMs: number };

function amzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The SigV4 headers KMS sends (spec Appendix A): host and x-amz-date signed, content-type not. */
export function signXksRequest(o: {
  host: string;
  path: string;
  body: Buffer;
  target: XksProxyTarget;
  now?: Date;
}): Record<string, string> {
  const date = amzDate(o.now ?? new Date());
  const day = date.slice(0, 8);
  const signedHeaders = ["host", "x-amz-date"];
  const headers = new Map<string, string[]>([
    ["host", [o.host]],
    ["x-amz-date", [date]],
  ]);
  const canonical = canonicalRequest({
    method: "POST",
    rawPath: o.path,
    rawQuery: "",
    headers,
    signedHeaders,
    payloadHash: sha256Hex(o.body),
  });
  const scope = credentialScope(day, o.target.region, XKS_SERVICE);
  const signature = signatureHex(
    cachedSigningKey(o.target.secretAccessKey, day, o.target.region, XKS_SERVICE),
    stringToSign(date, scope, canonical),
  );
  return {
    host: o.host,
    "x-amz-date": date,
    "content-type": "application/json",
    authorization: `${SIGV4_ALGORITHM} Credential=${o.target.accessKeyId}/${scope}, SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`,
  };
}

/** The URI path of an API call under the store's XksProxyUriPath. */
export function xksApiPath(uriPath: string, api: "health" | { keyId: string; op: "metadata" | "encrypt" | "decrypt" }): string {
  const base = uriPath.replace(/\/+$/, "");
  return api === "health" ? `${base}/health` : `${base}/keys/${encodeURIComponent(api.keyId)}/${api.op}`;
}

/**
 * One call: signs, sends over the keep-alive agent, and resolves with the proxy's 200 JSON object.
 * Anything else rejects with an XksFailure of the kind the real condition was.
 */
export async function callXksProxy(
  target: XksProxyTarget,
  api: Parameters<typeof xksApiPath>[1],
  payload: Record<string, unknown>,
): Promise<XksCallResult> {
  const endpoint = new URL(target.uriEndpoint);
  const dial = new URL(target.dialUrl ?? target.uriEndpoint);
  const path = xksApiPath(target.uriPath, api);
  const body = Buffer.from(JSON.stringify(payload), "utf8");
  const timeoutMs = target.timeoutMs ?? env().KEYHOLD_XKS_TIMEOUT_MS;
  const started = performance.now();
  const attempt = (retryOnStaleSocket: boolean): Promise<XksCallResult> =>
    new Promise((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      const headers = signXksRequest({ host: endpoint.host, path, body, target });
      const req = https.request({
        host: dial.hostname,
        port: dial.port || 443,
        servername: endpoint.hostname.match(/^[\d.]+$|:/) ? undefined : endpoint.hostname,
        method: "POST",
        path,
        headers: { ...headers, "content-length": String(body.length) },
        agent: xksAgent(),
      });
      // The whole call, connection and TLS included, within the timeout (KMS: 250 ms).
      const timer = setTimeout(
        () => {
          finish(() => reject(new XksFailure("timeout", `no answer within ${timeoutMs} ms`)));
          req.destroy();
        },
        timeoutMs - Math.min(timeoutMs - 1, performance.now() - started),
      );
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => finish(() => reject(failureOfSocketError(e))));
        res.on("end", () =>
          finish(() => {
            try {
              resolve({ body: interpret(res.statusCode ?? 0, Buffer.concat(chunks)), latencyMs: performance.now() - started });
            } catch (e) {
              reject(e);
            }
          }),
        );
      });
      req.on("error", (e: NodeJS.ErrnoException) => {
        // A kept-alive socket the proxy had closed: Node's advice is to retry once on a fresh one.
        if (retryOnStaleSocket && req.reusedSocket && e.code === "ECONNRESET" && !settled) {
          settled = true;
          clearTimeout(timer);
          attempt(false).then(resolve, reject);
          return;
        }
        finish(() => reject(failureOfSocketError(e)));
      });
      req.end(body);
    });
  return attempt(true);
}

/** A 200 must be a JSON object; an error must be `{"errorName": …}` (else KMS cannot interpret it). */
function interpret(status: number, raw: Buffer): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new XksFailure("invalid-response", `HTTP ${status} with a body that is not JSON`);
  }
  const isObject = typeof json === "object" && json !== null && !Array.isArray(json);
  if (status === 200) {
    if (!isObject) throw new XksFailure("invalid-response", "HTTP 200 with a body that is not a JSON object");
    return json as Record<string, unknown>;
  }
  const errorName = isObject ? (json as { errorName?: unknown }).errorName : undefined;
  if (typeof errorName !== "string" || !/^[A-Za-z]+$/.test(errorName)) {
    throw new XksFailure("invalid-response", `HTTP ${status} without an errorName`);
  }
  throw new XksFailure("proxy-error", `${status} ${errorName}`, { errorName, httpStatus: status });
}
