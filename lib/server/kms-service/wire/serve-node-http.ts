import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientAddress } from "@/lib/server/platform/http/client-address.ts";
import { MAX_REQUEST_BYTES, handleAwsRequest, type HandleAwsRequestDeps } from "./handle-aws-request.ts";

// The wire endpoint on node:http: the request's bytes go to handleAwsRequest untouched (SigV4 signs
// them), the answer goes back as is. server.ts serves /api/aws with it ahead of Next's router, and the
// test and benchmark services use it too: one adapter, one endpoint.

/** Reads at most MAX_REQUEST_BYTES + 1 bytes (the dispatcher refuses anything larger), then answers. */
export async function serveAwsRequest(
  req: IncomingMessage,
  res: ServerResponse,
  deps: HandleAwsRequestDeps,
  sourceIp?: string,
): Promise<void> {
  const { body, overflow } = await readBody(req, MAX_REQUEST_BYTES + 1);
  // Lower-case name → values in arrival order: the shape handleAwsRequest works on, built once.
  const headers = new Map<string, string[]>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const values = headers.get(name);
    if (values) values.push(req.rawHeaders[i + 1]!);
    else headers.set(name, [req.rawHeaders[i + 1]!]);
  }
  const result = await handleAwsRequest(
    {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers,
      body,
      sourceIp: sourceIp ?? clientAddress({ get: (name) => headerValue(req, name) }) ?? req.socket.remoteAddress ?? "",
    },
    deps,
  );
  if (overflow) {
    // The rest of an oversized body is not read: answer, then close the connection.
    res.setHeader("Connection", "close");
    res.writeHead(result.status, result.headers);
    res.end(result.body, () => req.destroy());
    return;
  }
  res.writeHead(result.status, result.headers);
  res.end(result.body);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : v;
}

function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; overflow: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      if (size + chunk.length < limit) {
        chunks.push(chunk);
        size += chunk.length;
        return;
      }
      chunks.push(chunk.subarray(0, limit - size));
      req.off("data", onData).off("end", onEnd).pause();
      resolve({ body: Buffer.concat(chunks, limit), overflow: true });
    };
    const onEnd = () => resolve({ body: Buffer.concat(chunks, size), overflow: false });
    req.on("data", onData).on("end", onEnd).on("error", reject);
  });
}
