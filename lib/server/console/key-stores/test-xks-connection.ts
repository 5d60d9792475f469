import "server-only";
import type { TestXksConnectionRequest, TestXksConnectionResponse } from "@/lib/schemas/key-stores.ts";
import { testLocalXksProxy } from "@/lib/server/kms-service/local-backend.ts";
import { env } from "@/lib/server/platform/env.ts";

/**
 * The wizard's "Test connection": GetHealthStatus with the values typed in, before anything is created,
 * through the local service's own proxy client (same TLS trust, SigV4 and 250 ms timeout as on connect).
 * Real AWS KMS has no such API: with KEYHOLD_BACKEND=aws it says that KMS tests the proxy on create.
 */
export async function testXksConnection(request: TestXksConnectionRequest): Promise<TestXksConnectionResponse> {
  if (env().KEYHOLD_BACKEND !== "local") {
    return {
      supported: false,
      message:
        "AWS KMS has no API to test a proxy on its own: it calls the proxy's GetHealthStatus when you create the store (public endpoint) or connect it (VPC endpoint service), and refuses the create with the proxy's error.",
    };
  }
  const result = await testLocalXksProxy({
    connectivity: request.xksProxyConnectivity,
    uriEndpoint: request.xksProxyUriEndpoint,
    uriPath: request.xksProxyUriPath,
    vpcEndpointServiceName: request.xksProxyVpcEndpointServiceName,
    accessKeyId: request.xksProxyAccessKeyId,
    secretAccessKey: request.xksProxySecretAccessKey,
  });
  return result.ok
    ? { supported: true, ok: true, latencyMs: result.latencyMs, report: result.health }
    : { supported: true, ok: false, latencyMs: result.latencyMs, errorCode: result.errorCode, message: result.message };
}
