import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/lib/server/platform/env.ts";
import { localServiceDeps } from "../service-deps.ts";
import { awsErrorResponse } from "./handle-aws-request.ts";
import { serveAwsRequest } from "./serve-node-http.ts";

// /api/aws as server.ts serves it: the local service with its real dependencies, or, with
// KEYHOLD_BACKEND=aws, a refusal (the console then talks to real AWS and serves no endpoint of its own).
// The deps are built once: they are the same for every request.
let deps: ReturnType<typeof localServiceDeps> | undefined;

/** sourceIp: the caller's address as server.ts decided it (the peer, or what a trusted proxy vouches for). */
export async function serveWireRequest(req: IncomingMessage, res: ServerResponse, sourceIp?: string): Promise<void> {
  if (env().KEYHOLD_BACKEND !== "local") {
    const refusal = awsErrorResponse("UnknownOperationException", "The local KMS endpoint is off: KEYHOLD_BACKEND is aws.", 404);
    req.resume();
    res.writeHead(refusal.status, refusal.headers);
    res.end(refusal.body);
    return;
  }
  await serveAwsRequest(req, res, (deps ??= localServiceDeps()), sourceIp);
}
