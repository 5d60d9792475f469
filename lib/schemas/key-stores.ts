import { z } from "zod";
import { ZClusterId, ZClusterSummary } from "./clusters.ts";
import { ZKeySummary } from "./keys.ts";
import { ZKmsuserPasswordShape } from "./key-store-password.ts";

// Custom key stores: the request schemas the API routes parse AND the wizard/edit forms validate
// with (so a field error reads the same in the browser and from the server), and the response shapes.

export const CONNECTION_STATES = ["CONNECTED", "CONNECTING", "FAILED", "DISCONNECTED", "DISCONNECTING"] as const;
export const ZConnectionState = z.enum(CONNECTION_STATES);
export type ConnectionState = z.infer<typeof ZConnectionState>;

export const CONNECTION_ERROR_CODES = [
  "INVALID_CREDENTIALS",
  "CLUSTER_NOT_FOUND",
  "NETWORK_ERRORS",
  "INTERNAL_ERROR",
  "INSUFFICIENT_CLOUDHSM_HSMS",
  "USER_LOCKED_OUT",
  "USER_NOT_FOUND",
  "USER_LOGGED_IN",
  "SUBNET_NOT_FOUND",
  "INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET",
  "XKS_PROXY_ACCESS_DENIED",
  "XKS_PROXY_NOT_REACHABLE",
  "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND",
  "XKS_PROXY_INVALID_RESPONSE",
  "XKS_PROXY_INVALID_CONFIGURATION",
  "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
  "XKS_PROXY_TIMED_OUT",
  "XKS_PROXY_INVALID_TLS_CONFIGURATION",
] as const;
export const ZConnectionErrorCode = z.enum(CONNECTION_ERROR_CODES);
export type ConnectionErrorCode = z.infer<typeof ZConnectionErrorCode>;

export const ZKeyStoreType = z.enum(["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]);
export type KeyStoreType = z.infer<typeof ZKeyStoreType>;

/** At most 10 custom key stores per account and Region, of both types, in any state (not adjustable). */
export const KEY_STORE_LIMIT = 10;

export const ZKeyStoreName = z
  .string()
  .trim()
  .min(1, "Enter a name for the key store.")
  .max(256, "Key store names have at most 256 characters.");

export const ZKmsuserPassword = ZKmsuserPasswordShape;

const PEM_CERTIFICATE = /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/;

/** The trust anchor: the PEM content of customerCA.crt (1–5000 characters). */
export const ZTrustAnchorCertificate = z
  .string()
  .trim()
  .min(1, "Choose the cluster's trust anchor certificate file (customerCA.crt).")
  .max(5000, "The trust anchor certificate has at most 5000 characters: choose customerCA.crt, not a bundle.")
  .regex(PEM_CERTIFICATE, "This is not a PEM certificate. Choose customerCA.crt, the file created when the cluster was initialized.");

export const ZCreateKeyStoreRequest = z.object({
  customKeyStoreName: ZKeyStoreName,
  cloudHsmClusterId: ZClusterId,
  trustAnchorCertificate: ZTrustAnchorCertificate,
  keyStorePassword: ZKmsuserPassword,
});
export type CreateKeyStoreRequest = z.infer<typeof ZCreateKeyStoreRequest>;

export const ZUpdateKeyStoreRequest = z
  .object({
    newCustomKeyStoreName: ZKeyStoreName.optional(),
    cloudHsmClusterId: ZClusterId.optional(),
    keyStorePassword: ZKmsuserPassword.optional(),
  })
  .refine((v) => v.newCustomKeyStoreName !== undefined || v.cloudHsmClusterId !== undefined || v.keyStorePassword !== undefined, {
    message: "Change at least one setting.",
  });
export type UpdateKeyStoreRequest = z.infer<typeof ZUpdateKeyStoreRequest>;

export const ZKeyStoreHsmCount = z.object({
  active: z.number().int(),
  total: z.number().int(),
  /** Active HSMs per Availability Zone. */
  zones: z.array(z.object({ availabilityZone: z.string(), active: z.number().int(), total: z.number().int() })),
});

export const ZKeyStoreSummary = z.object({
  customKeyStoreId: z.string(),
  customKeyStoreName: z.string(),
  customKeyStoreType: ZKeyStoreType,
  cloudHsmClusterId: z.string().optional(),
  connectionState: ZConnectionState,
  connectionErrorCode: ZConnectionErrorCode.optional(),
  creationDate: z.iso.datetime(),
  trustAnchorCertificate: z.string().optional(),
  xksProxy: z
    .object({
      connectivity: z.string().optional(),
      uriEndpoint: z.string().optional(),
      uriPath: z.string().optional(),
      accessKeyId: z.string().optional(),
    })
    .optional(),
  /** The cluster's HSMs; null when the cluster could not be described (deleted, no access). */
  hsms: ZKeyStoreHsmCount.nullable(),
  keyCount: z.number().int(),
  /** Status cache: when the poller last saw this store, and since when it has been in this state. */
  checkedAt: z.iso.datetime().optional(),
  stateSince: z.iso.datetime().optional(),
  /** The documented prerequisites, judged from the cached store and cluster. */
  readiness: z.array(z.lazy(() => ZReadinessCheck)).optional(),
});
export type KeyStoreSummary = z.infer<typeof ZKeyStoreSummary>;

export const READINESS_CHECKS = ["connected", "activeHsm", "twoZones", "kmsuserLogin", "trustAnchor"] as const;
export const ZReadinessCheck = z.object({
  id: z.enum(READINESS_CHECKS),
  status: z.enum(["pass", "fail", "unknown"]),
  label: z.string(),
  detail: z.string(),
});
export type ReadinessCheck = z.infer<typeof ZReadinessCheck>;

/** Whether the poller reaches the backend: when it last succeeded, when it last failed and why. */
export const ZBackendStatus = z.object({
  reachable: z.boolean(),
  lastSuccessAt: z.iso.datetime().nullable(),
  lastErrorAt: z.iso.datetime().nullable(),
  lastErrorCode: z.string().nullable(),
});
export type BackendStatus = z.infer<typeof ZBackendStatus>;

/** One entry of the connection-history timeline. */
export const ZStatusChange = z.object({
  id: z.string(),
  subjectType: z.enum(["KEY_STORE", "CLUSTER", "HSM"]),
  subjectId: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  errorCode: z.string().nullable(),
  at: z.iso.datetime(),
});
export type StatusChange = z.infer<typeof ZStatusChange>;

export const ZKeyStoreListResponse = z.object({
  keyStores: z.array(ZKeyStoreSummary),
  /** Stores of both types (the quota counts them together). */
  totalStores: z.number().int(),
  limit: z.number().int(),
  backend: ZBackendStatus,
});
export type KeyStoreListResponse = z.infer<typeof ZKeyStoreListResponse>;

export const ZKeyStoreDetailResponse = z.object({
  keyStore: ZKeyStoreSummary,
  cluster: ZClusterSummary.nullable(),
  keys: z.array(ZKeySummary),
  /** False when the keys could not be listed (backend unreachable): the store itself comes from the cache. */
  keysAvailable: z.boolean(),
  backend: ZBackendStatus,
  history: z.array(ZStatusChange),
});
export type KeyStoreDetailResponse = z.infer<typeof ZKeyStoreDetailResponse>;

export const ZKeyStoreMutationResponse = z.object({ keyStore: ZKeyStoreSummary });
export type KeyStoreMutationResponse = z.infer<typeof ZKeyStoreMutationResponse>;

export const ZDeleteKeyStoreResponse = z.object({ deleted: z.literal(true), customKeyStoreId: z.string() });

export const ZRefreshStatusResponse = z.object({ backend: ZBackendStatus, keyStores: z.number().int(), clusters: z.number().int() });
export type RefreshStatusResponse = z.infer<typeof ZRefreshStatusResponse>;
