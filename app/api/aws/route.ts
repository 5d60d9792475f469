import { env } from "@/lib/server/platform/env.ts";
import { localServiceDeps } from "@/lib/server/kms-service/service-deps.ts";
import { MAX_REQUEST_BYTES, awsErrorResponse, handleAwsRequest } from "@/lib/server/kms-service/wire/handle-aws-request.ts";
import type { AwsHttpResponse } from "@/lib/server/platform/sigv4/http-types.ts";

// The local KMS / CloudHSM v2 wire endpoint for the AWS CLI and SDKs (`--endpoint-url
// http://<host>/api/aws`). Authenticated by SigV4 with a console user's access key, not by the
// console session. Every method comes here so that a non-POST gets the AWS-style refusal.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handle(request: Request): Promise<Response> {
  if (env().KEYHOLD_BACKEND !== "local") {
    return toResponse(awsErrorResponse("UnknownOperationException", "The local KMS endpoint is off: KEYHOLD_BACKEND is aws.", 404));
  }
  const url = new URL(request.url);
  const result = await handleAwsRequest(
    {
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: Object.fromEntries(request.headers),
      body: await readBody(request, MAX_REQUEST_BYTES + 1),
      sourceIp: sourceIp(request),
    },
    localServiceDeps(),
  );
  return toResponse(result);
}

export { handle as POST, handle as GET, handle as PUT, handle as PATCH, handle as DELETE };

/** The raw body, read up to `limit` bytes (the dispatcher refuses anything over its maximum). */
async function readBody(request: Request, limit: number): Promise<Buffer> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  if (size >= limit) await reader.cancel();
  return Buffer.concat(chunks);
}

/** For the audit log only: the first proxy hop's client address when a proxy says so. */
function sourceIp(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "";
}

function toResponse(result: AwsHttpResponse): Response {
  return new Response(new Uint8Array(result.body), { status: result.status, headers: result.headers });
}
