import "server-only";
import { CloudHSMV2Client } from "@aws-sdk/client-cloudhsm-v2";
import { env } from "@/lib/server/platform/env.ts";
import { localService } from "@/lib/server/kms-service/local-backend.ts";
import { LOCAL_ENDPOINT, requireLocalCredentials, type SdkClientOptions } from "./client-options.ts";
import { InProcessRequestHandler } from "./in-process-handler.ts";

let awsClient: CloudHSMV2Client | undefined;

/**
 * The CloudHSM v2 client for the configured backend (signing name "cloudhsm"). aws: one shared
 * client with the standard credential chain and Region. This SDK version (3.332) predates
 * service-specific endpoint variables, so AWS_ENDPOINT_URL_CLOUDHSM_V2 / AWS_ENDPOINT_URL are
 * applied here, with the SDK's precedence. local: signs as the given console user, answered in-process.
 */
export function cloudHsmClient(opts: SdkClientOptions = {}): CloudHSMV2Client {
  const e = env();
  if (e.KEYHOLD_BACKEND === "aws") {
    awsClient ??= new CloudHSMV2Client({ region: e.region, endpoint: configuredEndpoint() });
    return awsClient;
  }
  const deps = opts.localDeps ?? localService();
  return new CloudHSMV2Client({
    region: deps.region,
    endpoint: LOCAL_ENDPOINT,
    credentials: requireLocalCredentials(opts),
    requestHandler: new InProcessRequestHandler({ deps, sourceIp: opts.sourceIp }),
  });
}

function configuredEndpoint(): string | undefined {
  const e = env();
  if (e.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === "true") return undefined;
  return e.AWS_ENDPOINT_URL_CLOUDHSM_V2 ?? e.AWS_ENDPOINT_URL;
}
