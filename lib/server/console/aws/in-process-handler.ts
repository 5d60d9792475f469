import "server-only";
import { Readable } from "node:stream";
import { handleLocalRequest, type LocalServiceDeps } from "@/lib/server/kms-service/local-backend.ts";

// An SDK request handler that, instead of opening a socket, hands the serialized and SIGNED request
// to the local KMS service in-process; the service verifies the same signature it would over HTTP.
// Structurally it is both a @smithy/types HttpHandler (@aws-sdk/client-kms 3.1164) and an
// @aws-sdk/protocol-http HttpHandler (@aws-sdk/client-cloudhsm-v2 3.332): both only call handle(),
// and both deserializers read `statusCode`, lower-case `headers` and a Node Readable `body` (as
// NodeHttpHandler returns), which their stream collectors accept.

/** The parts of an SDK HttpRequest this handler reads (same shape in both SDK generations). */
export type SdkHttpRequest = {
  method: string;
  path: string;
  query?: Record<string, string | readonly (string | null)[] | null | undefined>;
  headers: Record<string, string>;
  body?: unknown;
};

/** Same fields as the SDKs' HttpResponse class; both SDKs check responses by shape (HttpResponse.isInstance). */
export class InProcessHttpResponse {
  readonly statusCode: number;
  readonly reason?: string;
  readonly headers: Record<string, string>;
  readonly body: Readable;

  constructor(opts: { statusCode: number; reason?: string; headers: Record<string, string>; body: Readable }) {
    this.statusCode = opts.statusCode;
    this.reason = opts.reason;
    this.headers = opts.headers;
    this.body = opts.body;
  }
}

type AbortSignalLike = { aborted: boolean };

export type InProcessHandlerOptions = {
  /** The service's dependencies, or a function giving them per request. */
  deps: LocalServiceDeps | (() => LocalServiceDeps);
  /** Recorded as the caller's address in the audit log. */
  sourceIp?: string;
};

export class InProcessRequestHandler {
  readonly metadata = { handlerProtocol: "http/1.1" };
  private readonly opts: InProcessHandlerOptions;

  constructor(opts: InProcessHandlerOptions) {
    this.opts = opts;
  }

  async handle(request: SdkHttpRequest, options?: { abortSignal?: AbortSignalLike }): Promise<{ response: InProcessHttpResponse }> {
    throwIfAborted(options?.abortSignal);
    const deps = typeof this.opts.deps === "function" ? this.opts.deps() : this.opts.deps;
    const result = await handleLocalRequest(
      {
        method: request.method,
        path: requestTarget(request),
        headers: request.headers,
        body: await bodyBytes(request.body),
        sourceIp: this.opts.sourceIp ?? "127.0.0.1",
      },
      deps,
    );
    throwIfAborted(options?.abortSignal);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers)) headers[name.toLowerCase()] = value;
    const body = new Readable({ read() {} });
    body.push(result.body);
    body.push(null);
    return { response: new InProcessHttpResponse({ statusCode: result.status, headers, body }) };
  }

  // Called by the SDKs' runtime-extension plumbing; there is no connection configuration to update.
  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

function throwIfAborted(signal: AbortSignalLike | undefined): void {
  if (signal?.aborted) {
    const error = new Error("Request aborted");
    error.name = "AbortError";
    throw error;
  }
}

/** path?query exactly as NodeHttpHandler would put it on the request line. */
function requestTarget(request: SdkHttpRequest): string {
  const parts: string[] = [];
  for (const key of Object.keys(request.query ?? {}).sort()) {
    const value = request.query![key];
    const name = escapeUri(key);
    if (Array.isArray(value)) for (const v of value) parts.push(v === null ? name : `${name}=${escapeUri(v)}`);
    else if (value === null || value === undefined) parts.push(name);
    else parts.push(`${name}=${escapeUri(value as string)}`);
  }
  return parts.length > 0 ? `${request.path}?${parts.join("&")}` : request.path;
}

function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

async function bodyBytes(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === "string") return Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    return Buffer.concat(chunks);
  }
  throw new TypeError("Unsupported request body type for the in-process KMS handler");
}
