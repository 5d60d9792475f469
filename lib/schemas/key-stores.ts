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

// External key stores (XKS): the model's constraints (spec/console.md §1.6.2), with the local backend's one
// documented departure (README "External key stores"): https://localhost:PORT and https://127.0.0.1:PORT.

export const XKS_PROXY_CONNECTIVITIES = ["PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE"] as const;
export const ZXksProxyConnectivity = z.enum(XKS_PROXY_CONNECTIVITIES, { error: "Choose how KMS reaches the proxy." });
/** The fixed end of every proxy URI path; the console asks for the prefix only. */
export const XKS_URI_PATH_SUFFIX = "/kms/xks/v1";

const MODEL_URI_ENDPOINT = /^https:\/\/[a-zA-Z0-9.-]+$/;
const LOCAL_URI_ENDPOINT = /^https:\/\/(localhost|127\.0\.0\.1):([1-9]\d{0,4})$/;
export const ZXksProxyUriEndpoint = z
  .string()
  .trim()
  .min(10, "Enter the proxy's HTTPS endpoint, e.g. https://xks.example.com (10–128 characters).")
  .max(128, "The proxy URI endpoint has at most 128 characters.")
  .refine((v) => MODEL_URI_ENDPOINT.test(v) || (LOCAL_URI_ENDPOINT.test(v) && Number(LOCAL_URI_ENDPOINT.exec(v)![2]) <= 65535), {
    message:
      "Enter https:// and a host name only: letters, digits, dots and hyphens, no port and no path (KMS always uses port 443). The local backend also accepts https://localhost:PORT and https://127.0.0.1:PORT.",
  });

export const ZXksProxyUriPath = z
  .string()
  .trim()
  .min(10, "The proxy URI path has 10–128 characters.")
  .max(128, "The proxy URI path has 10–128 characters: shorten the prefix.")
  .regex(
    /^(\/[a-zA-Z0-9/_-]+\/kms\/xks\/v\d{1,2})$|^(\/kms\/xks\/v\d{1,2})$/,
    "The path is an optional prefix (starting with /, then letters, digits, /, _ or -) followed by /kms/xks/v1.",
  );

export const ZXksProxyAccessKeyId = z
  .string()
  .trim()
  .min(20, "The access key ID has 20–30 characters.")
  .max(30, "The access key ID has 20–30 characters.")
  .regex(/^[A-Z2-7]+$/, "The access key ID has upper-case letters A–Z and digits 2–7 only.");

export const ZXksProxySecretAccessKey = z
  .string()
  .min(43, "The secret access key has 43–64 characters.")
  .max(64, "The secret access key has 43–64 characters.")
  .regex(/^[a-zA-Z0-9/+=]+$/, "The secret access key has letters, digits, /, + and = only.");

export const ZXksVpcEndpointServiceName = z
  .string()
  .trim()
  .min(20, "The VPC endpoint service name has 20–64 characters.")
  .max(64, "The VPC endpoint service name has 20–64 characters.")
  .regex(
    /^(com|eu)\.amazonaws\.vpce\.([a-z]+-){2,3}\d+\.vpce-svc-[0-9a-z]+$/,
    "Enter a name like com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0.",
  );

/** The proxy settings of the XKS wizard, one field per model member (no cross-field rule: steps pick from it). */
export const ZXksProxyFields = z.object({
  customKeyStoreName: ZKeyStoreName,
  xksProxyConnectivity: ZXksProxyConnectivity,
  xksProxyUriEndpoint: ZXksProxyUriEndpoint,
  xksProxyUriPath: ZXksProxyUriPath,
  xksProxyVpcEndpointServiceName: ZXksVpcEndpointServiceName.optional(),
  xksProxyAccessKeyId: ZXksProxyAccessKeyId,
  xksProxySecretAccessKey: ZXksProxySecretAccessKey,
});

/** A VPC endpoint service name is required with VPC connectivity, and refused with a public endpoint. */
function vpcNameMatchesConnectivity(
  v: { xksProxyConnectivity?: string; xksProxyVpcEndpointServiceName?: string },
  ctx: z.RefinementCtx,
): void {
  if (v.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE" && !v.xksProxyVpcEndpointServiceName) {
    ctx.addIssue({ code: "custom", path: ["xksProxyVpcEndpointServiceName"], message: "Enter the VPC endpoint service name." });
  }
  if (v.xksProxyConnectivity === "PUBLIC_ENDPOINT" && v.xksProxyVpcEndpointServiceName) {
    ctx.addIssue({
      code: "custom",
      path: ["xksProxyVpcEndpointServiceName"],
      message: "A VPC endpoint service name goes with VPC endpoint service connectivity only.",
    });
  }
}

export const ZCreateXksKeyStoreRequest = ZXksProxyFields.superRefine(vpcNameMatchesConnectivity);
export type CreateXksKeyStoreRequest = z.infer<typeof ZCreateXksKeyStoreRequest>;

/** "Test connection": the proxy settings without a name. */
export const ZTestXksConnectionRequest = ZXksProxyFields.omit({ customKeyStoreName: true }).superRefine(vpcNameMatchesConnectivity);
export type TestXksConnectionRequest = z.infer<typeof ZTestXksConnectionRequest>;

/** A proxy configuration file as the proxy generates it (AWS console: "Upload configuration file"). */
export const ZXksProxyConfigurationFile = z.object({
  XksProxyUriPath: z.string(),
  XksProxyAuthenticationCredential: z.object({ AccessKeyId: z.string(), RawSecretAccessKey: z.string() }),
});

export const ZUpdateKeyStoreRequest = z
  .object({
    newCustomKeyStoreName: ZKeyStoreName.optional(),
    cloudHsmClusterId: ZClusterId.optional(),
    keyStorePassword: ZKmsuserPassword.optional(),
    xksProxyConnectivity: ZXksProxyConnectivity.optional(),
    xksProxyUriEndpoint: ZXksProxyUriEndpoint.optional(),
    xksProxyUriPath: ZXksProxyUriPath.optional(),
    xksProxyVpcEndpointServiceName: ZXksVpcEndpointServiceName.optional(),
    xksProxyAccessKeyId: ZXksProxyAccessKeyId.optional(),
    xksProxySecretAccessKey: ZXksProxySecretAccessKey.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Change at least one setting." })
  .superRefine((v, ctx) => {
    // KMS takes the credential as one structure: both parts, even when only one changes.
    if ((v.xksProxyAccessKeyId === undefined) !== (v.xksProxySecretAccessKey === undefined)) {
      const missing = v.xksProxyAccessKeyId === undefined ? "xksProxyAccessKeyId" : "xksProxySecretAccessKey";
      ctx.addIssue({ code: "custom", path: [missing], message: "Enter both parts of the proxy credential, even if only one changes." });
    }
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
      vpcEndpointServiceName: z.string().optional(),
    })
    .optional(),
  /** XKS: what the proxy answered the poller's last health checks (local backend; cached). */
  xksHealth: z.lazy(() => ZXksProxyHealth).optional(),
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

/** KMS's per-request timeout for a proxy, and the round trip it recommends (spec/console.md §1.6.2). */
export const XKS_TIMEOUT_MS = 250;
export const XKS_RECOMMENDED_RTT_MS = 35;

export const ZEkmFleetEntry = z.object({ id: z.string(), model: z.string(), healthStatus: z.enum(["ACTIVE", "DEGRADED", "UNAVAILABLE"]) });
export const ZXksProxyHealthReport = z.object({
  xksProxyFleetSize: z.number().int(),
  xksProxyVendor: z.string(),
  xksProxyModel: z.string(),
  ekmVendor: z.string(),
  ekmFleetDetails: z.array(ZEkmFleetEntry),
});
export type XksProxyHealthReport = z.infer<typeof ZXksProxyHealthReport>;

/** One GetHealthStatus the console sent: the answer or the ConnectionErrorCode KMS would record, and its latency. */
export const ZXksProbe = z.object({
  at: z.iso.datetime(),
  ok: z.boolean(),
  latencyMs: z.number(),
  errorCode: ZConnectionErrorCode.optional(),
  message: z.string().optional(),
});
export type XksProbe = z.infer<typeof ZXksProbe>;

export const ZXksProxyHealth = z.object({
  /** The last answer that was a health report (kept while the proxy is down). */
  report: ZXksProxyHealthReport.nullable(),
  reportAt: z.iso.datetime().nullable(),
  /** The latest checks, newest first. */
  probes: z.array(ZXksProbe),
});
export type XksProxyHealth = z.infer<typeof ZXksProxyHealth>;

export const ZTestXksConnectionResponse = z.discriminatedUnion("supported", [
  z.object({ supported: z.literal(false), message: z.string() }),
  z.object({
    supported: z.literal(true),
    ok: z.boolean(),
    latencyMs: z.number(),
    errorCode: ZConnectionErrorCode.optional(),
    message: z.string().optional(),
    report: ZXksProxyHealthReport.optional(),
  }),
]);
export type TestXksConnectionResponse = z.infer<typeof ZTestXksConnectionResponse>;

/** A local VPC endpoint service: a named entry pointing at a proxy URL (local backend only). */
export const ZVpcEndpointService = z.object({
  name: z.string(),
  proxyUrl: z.string(),
  privateDnsName: z.string(),
  privateDnsVerified: z.boolean(),
  acceptanceRequired: z.boolean(),
  allowsKms: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type VpcEndpointService = z.infer<typeof ZVpcEndpointService>;

export const ZCreateVpcEndpointServiceRequest = z.object({
  name: ZXksVpcEndpointServiceName,
  proxyUrl: z
    .string()
    .trim()
    .regex(
      /^https:\/\/[a-zA-Z0-9.-]+(:\d{1,5})?$/,
      "Enter the proxy's address: https://, a host and an optional port, e.g. https://127.0.0.1:4443.",
    ),
  privateDnsName: z
    .string()
    .trim()
    .min(1, "Enter the private DNS name (the host of the stores' proxy URI endpoint).")
    .max(253)
    .regex(/^[a-zA-Z0-9.-]+$/, "A host name: letters, digits, dots and hyphens."),
  privateDnsVerified: z.boolean().default(true),
  acceptanceRequired: z.boolean().default(false),
  allowsKms: z.boolean().default(true),
});
export type CreateVpcEndpointServiceRequest = z.input<typeof ZCreateVpcEndpointServiceRequest>;

export const ZVpcEndpointServiceListResponse = z.object({ supported: z.boolean(), services: z.array(ZVpcEndpointService) });
