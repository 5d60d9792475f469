import "server-only";
import type { StringRule } from "./input-reader.ts";

// The botocore KMS shapes (models/botocore_kms_2014-11-01_service-2.json) the custom key store
// operations read, as InputReader rules. Enums are verbatim, in the model's order.

export const CUSTOM_KEY_STORE_NAME: StringRule = { min: 1, max: 256 };
export const CLOUD_HSM_CLUSTER_ID: StringRule = { min: 19, max: 24, pattern: "cluster-[2-7a-zA-Z]{11,16}" };
export const TRUST_ANCHOR_CERTIFICATE: StringRule = { min: 1, max: 5000 };
export const KEY_STORE_PASSWORD: StringRule = { min: 7, max: 32, sensitive: true };
export const XKS_PROXY_URI_ENDPOINT: StringRule = { min: 10, max: 128, pattern: "^https://[a-zA-Z0-9.-]+$" };
export const XKS_PROXY_URI_PATH: StringRule = {
  min: 10,
  max: 128,
  pattern: "^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$",
};
export const XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME: StringRule = {
  min: 20,
  max: 64,
  pattern: "^(com|eu)\\.amazonaws\\.vpce\\.([a-z]+-){2,3}\\d+\\.vpce-svc-[0-9a-z]+$",
};
export const ACCOUNT_ID: StringRule = { min: 12, max: 12, pattern: "[0-9]{12}" };
export const XKS_PROXY_ACCESS_KEY_ID: StringRule = { min: 20, max: 30, pattern: "^[A-Z2-7]+$", sensitive: true };
export const XKS_PROXY_RAW_SECRET_ACCESS_KEY: StringRule = {
  min: 43,
  max: 64,
  pattern: "^[a-zA-Z0-9\\/+=]+$",
  sensitive: true,
};

export const CUSTOM_KEY_STORE_TYPE = ["AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const;
export const XKS_PROXY_CONNECTIVITY = ["PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE"] as const;

/** The members that only external key stores take (CreateCustomKeyStore / UpdateCustomKeyStore). */
export const XKS_MEMBERS = [
  "XksProxyUriEndpoint",
  "XksProxyUriPath",
  "XksProxyVpcEndpointServiceName",
  "XksProxyVpcEndpointServiceOwner",
  "XksProxyAuthenticationCredential",
  "XksProxyConnectivity",
] as const;
