import "server-only";
import type { CreateLocalClusterRequest, CreateLocalClusterResponse } from "@/lib/schemas/clusters.ts";
import { createLocalInitializedCluster } from "@/lib/server/kms-service/local-backend.ts";
import { env } from "@/lib/server/platform/env.ts";
import { AppError } from "@/lib/server/platform/errors.ts";

export type CreateLocalClusterOptions = { request: CreateLocalClusterRequest };

/**
 * Local backend only: creates and initialises a new local CloudHSM cluster (the CloudHSM API has no
 * "create an initialised cluster with a kmsuser" operation, so this calls the local cluster code
 * directly, through kms-service/local-backend.ts). The caller chooses the kmsuser password, so no secret is returned; the trust anchor
 * (a public CA certificate) is returned and written to <data>/clusters/<id>/customerCA.crt.
 */
export async function createLocalCluster({ request }: CreateLocalClusterOptions): Promise<CreateLocalClusterResponse> {
  if (env().KEYHOLD_BACKEND !== "local") {
    throw new AppError({
      code: "UnsupportedOperationException",
      safeMessage:
        "Clusters can be created from the console only with the local backend. Use the CloudHSM console or API for AWS clusters.",
    });
  }
  const region = env().region;
  const foreign = request.availabilityZones.find((az) => !az.startsWith(region));
  if (foreign) {
    const message = `${foreign} is not an Availability Zone of ${region}.`;
    throw new AppError({ code: "ValidationException", safeMessage: message, fields: { availabilityZones: message } });
  }
  const created = await createLocalInitializedCluster({
    availabilityZones: request.availabilityZones,
    hsmAvailabilityZones: request.createHsms ? request.availabilityZones : [],
    kmsuserPassword: request.kmsuserPassword,
  });
  return { clusterId: created.clusterId, trustAnchorCertificate: created.trustAnchorPem };
}
