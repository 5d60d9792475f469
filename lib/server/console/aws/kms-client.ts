import "server-only";
import { KMSClient } from "@aws-sdk/client-kms";
import { env } from "@/lib/server/platform/env.ts";
import { localService } from "@/lib/server/kms-service/local-backend.ts";
import { LOCAL_ENDPOINT, requireLocalCredentials, type SdkClientOptions } from "./client-options.ts";
import { InProcessRequestHandler } from "./in-process-handler.ts";

let awsClient: KMSClient | undefined;

/**
 * The KMS client for the configured backend. aws: one shared client with the standard credential
 * chain and Region; the SDK itself honours AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL. local: a client
 * signing as the given console user, answered in-process by the local KMS service.
 */
export function kmsClient(opts: SdkClientOptions = {}): KMSClient {
  const e = env();
  if (e.KEYHOLD_BACKEND === "aws") {
    awsClient ??= new KMSClient({ region: e.region });
    return awsClient;
  }
  const deps = opts.localDeps ?? localService();
  return new KMSClient({
    region: deps.region,
    endpoint: LOCAL_ENDPOINT,
    credentials: requireLocalCredentials(opts),
    requestHandler: new InProcessRequestHandler({ deps, sourceIp: opts.sourceIp }),
  });
}
