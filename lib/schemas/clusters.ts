import { z } from "zod";
import { ZKmsuserPasswordShape } from "./key-store-password.ts";

// CloudHSM clusters as the console shows them: HSM inventory by Availability Zone and whether a
// cluster can back a new key store.

export const ZClusterId = z
  .string()
  .trim()
  .min(1, "Choose a CloudHSM cluster.")
  .regex(/^cluster-[2-7a-zA-Z]{11,16}$/, "Cluster IDs look like cluster-1a23b4cdefg.");

export const ZAvailabilityZone = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, "Choose an Availability Zone, such as us-east-1a.");

export const ZHsm = z.object({
  hsmId: z.string(),
  availabilityZone: z.string(),
  state: z.string(),
  stateMessage: z.string().optional(),
  eniIp: z.string().optional(),
  subnetId: z.string().optional(),
});
export type Hsm = z.infer<typeof ZHsm>;

export const ZClusterEligibility = z.object({
  eligible: z.boolean(),
  /** Why it cannot back a new key store, one sentence each; empty when eligible. */
  reasons: z.array(z.string()),
});

/** kmsuser on a local cluster (the CloudHSM API does not say; on AWS the CloudHSM CLI's `user list` does). */
export const ZKmsuserState = z.object({
  /** kms: KMS holds the login for the key store; cli: an administrator logged kmsuser in; null: nobody. */
  loggedInBy: z.enum(["kms", "cli"]).nullable(),
  lockedOut: z.boolean(),
  failedLogins: z.number().int(),
});
export type KmsuserState = z.infer<typeof ZKmsuserState>;

export const ZClusterSummary = z.object({
  clusterId: z.string(),
  state: z.string(),
  stateMessage: z.string().optional(),
  createTimestamp: z.iso.datetime().optional(),
  hsmType: z.string().optional(),
  /** Availability Zones of the cluster's subnets (where HSMs can be added). */
  subnetZones: z.array(z.string()),
  hsms: z.array(ZHsm),
  /** The key store that uses this cluster, if any. */
  keyStore: z.object({ customKeyStoreId: z.string(), customKeyStoreName: z.string() }).nullable(),
  eligibility: ZClusterEligibility,
  /** Local backend only. */
  kmsuser: ZKmsuserState.optional(),
});
export type ClusterSummary = z.infer<typeof ZClusterSummary>;

export const ZClusterListResponse = z.object({
  clusters: z.array(ZClusterSummary),
  /** Local backend: HSMs can be added and removed, and clusters created, from the console. */
  localMode: z.boolean(),
});
export type ClusterListResponse = z.infer<typeof ZClusterListResponse>;

export const ZCreateHsmRequest = z.object({ availabilityZone: ZAvailabilityZone });
export type CreateHsmRequest = z.infer<typeof ZCreateHsmRequest>;

export const ZHsmMutationResponse = z.object({ hsm: ZHsm });

export const ZCreateLocalClusterRequest = z.object({
  availabilityZones: z
    .array(ZAvailabilityZone)
    // One zone gives a cluster that can never back a key store (KMS needs active HSMs in two zones).
    .min(2, "Choose at least two Availability Zones: a key store needs HSMs in two zones.")
    .max(6, "Choose at most 6 Availability Zones.")
    .refine((zones) => new Set(zones).size === zones.length, "Choose each Availability Zone once."),
  /** HSMs to create now, one per chosen zone when true. */
  createHsms: z.boolean(),
  kmsuserPassword: ZKmsuserPasswordShape,
});
export type CreateLocalClusterRequest = z.infer<typeof ZCreateLocalClusterRequest>;

export const ZCreateLocalClusterResponse = z.object({
  clusterId: z.string(),
  /** customerCA.crt: a public CA certificate, for the key-store wizard's trust anchor upload. */
  trustAnchorCertificate: z.string(),
});
export type CreateLocalClusterResponse = z.infer<typeof ZCreateLocalClusterResponse>;

/** Local backend only: the crypto officer sets kmsuser's password, which also unlocks it. */
export const ZSetKmsuserPasswordRequest = z.object({ kmsuserPassword: ZKmsuserPasswordShape });
export type SetKmsuserPasswordRequest = z.infer<typeof ZSetKmsuserPasswordRequest>;

export const ZSetKmsuserPasswordResponse = z.object({ clusterId: z.string(), unlocked: z.literal(true) });

/** Local backend, admins: log kmsuser in as the CloudHSM CLI would (so KMS's connect sees USER_LOGGED_IN). */
export const ZKmsuserLoginRequest = z.object({ kmsuserPassword: ZKmsuserPasswordShape });
export type KmsuserLoginRequest = z.infer<typeof ZKmsuserLoginRequest>;

export const ZKmsuserSessionResponse = z.object({ clusterId: z.string(), loggedIn: z.boolean() });

export const ZDeleteClusterResponse = z.object({ clusterId: z.string(), state: z.string() });
