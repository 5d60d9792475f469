import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/server/platform/env.ts";
import { awsStyleId } from "@/lib/server/platform/ids.ts";
import { issueClusterPki } from "./certificates.ts";
import { invalidRequest } from "./cluster-errors.ts";
import { KMSUSER_PASSWORD, randomAlphanumeric } from "./cluster-secrets.ts";
import { createHsm } from "./create-hsm.ts";
import { insertCluster } from "./insert-cluster.ts";
import { defaultAvailabilityZones, isAvailabilityZone, subnetMappingFor } from "./network.ts";

export type CreateClusterOptions = {
  /** AZs of the cluster's private subnets (default <region>a and <region>b). */
  availabilityZones?: string[];
  /** AZs of the HSMs to create right away (each must be one of availabilityZones). */
  hsmAvailabilityZones?: string[];
  /** The kmsuser crypto user's password (7–32 alphanumeric); generated when absent. */
  kmsuserPassword?: string;
};

export type CreatedCluster = { clusterId: string; trustAnchorPem: string; kmsuserPassword: string };

/**
 * Creates an initialised local CloudHSM cluster: the customer CA (trust anchor) and the cluster
 * certificate it signed, the kmsuser and SO credentials and the cluster wrapping key (sealed), one
 * subnet per AZ, then the requested HSMs. The cluster is ACTIVE once it has an HSM.
 */
export async function createCluster(options: CreateClusterOptions = {}): Promise<CreatedCluster> {
  const zones = options.availabilityZones ?? defaultAvailabilityZones(env().region);
  if (zones.length === 0 || new Set(zones).size !== zones.length || !zones.every(isAvailabilityZone)) {
    throw invalidRequest("The availability zones are not valid.");
  }
  const hsmZones = options.hsmAvailabilityZones ?? [];
  if (!hsmZones.every((az) => zones.includes(az))) throw invalidRequest("An HSM's availability zone has no subnet.");
  const kmsuserPassword = options.kmsuserPassword ?? randomAlphanumeric(24);
  if (!KMSUSER_PASSWORD.test(kmsuserPassword)) {
    throw invalidRequest("The kmsuser password must be 7 to 32 alphanumeric characters.");
  }

  const clusterId = awsStyleId("cluster");
  const pki = await issueClusterPki(clusterId);
  await insertCluster({
    id: clusterId,
    subnetMapping: subnetMappingFor(zones),
    trustAnchorPem: pki.trustAnchorPem,
    certificatesJson: JSON.stringify({ ClusterCertificate: pki.clusterCertificatePem }),
    secrets: { kmsuserPassword, soPin: randomAlphanumeric(32), wrapKey: crypto.randomBytes(32) },
  });
  for (const availabilityZone of hsmZones) await createHsm({ clusterId, availabilityZone });
  return { clusterId, trustAnchorPem: pki.trustAnchorPem, kmsuserPassword };
}
