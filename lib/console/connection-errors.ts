import type { ConnectionErrorCode, KeyStoreType } from "@/lib/schemas/key-stores.ts";

// What each ConnectionErrorCode means and how to fix it (spec/kms-api.md §2.2, §6.7; the developer
// guide's "How to fix a connection failure"), as the store detail page shows it when FAILED. Every
// fix starts from the same rule: a FAILED store must be disconnected before it can connect again.

export type ConnectionErrorHelp = {
  title: string;
  cause: string;
  /** Ordered fix steps. */
  fix: string[];
  /** The field to change with Edit, if the fix involves one. */
  edit?: EditField;
};

/** The Edit dialog fields a fix can point at (CloudHSM and external key stores). */
export type EditField =
  | "keyStorePassword"
  | "cloudHsmClusterId"
  | "xksProxyUriEndpoint"
  | "xksProxyUriPath"
  | "xksProxyAccessKeyId"
  | "xksProxyVpcEndpointServiceName";

const DISCONNECT = "Disconnect the key store (a FAILED store cannot connect again until it is disconnected).";
const CONNECT = "Connect the key store again and watch the connection state.";

export const CONNECTION_ERROR_HELP: Record<ConnectionErrorCode, ConnectionErrorHelp> = {
  INTERNAL_ERROR: {
    title: "Internal error",
    cause: "KMS could not complete the request because of an internal error.",
    fix: [DISCONNECT, "Try to connect again. If it keeps failing, report the request ID."],
  },
  NETWORK_ERRORS: {
    title: "Network errors",
    cause: "Network errors are preventing KMS from connecting the key store to its cluster. This is usually transient.",
    fix: [
      DISCONNECT,
      "Wait a few minutes.",
      CONNECT,
      "If it persists, check that the cluster's security group allows TCP 2223–2225 to itself.",
    ],
  },
  CLUSTER_NOT_FOUND: {
    title: "Cluster not found",
    cause: "KMS cannot find the CloudHSM cluster with the key store's cluster ID: the ID is wrong, or the cluster was deleted.",
    fix: [
      "Check the cluster ID on the Clusters page.",
      "If the cluster was deleted, create a cluster from a recent backup of the original cluster.",
      DISCONNECT,
      "Edit the key store and set the new cluster ID (it must share the original cluster's backup history).",
      CONNECT,
    ],
    edit: "cloudHsmClusterId",
  },
  INSUFFICIENT_CLOUDHSM_HSMS: {
    title: "No active HSMs",
    cause: "The cluster has no active HSMs. Connecting needs at least one; creating keys needs two in different Availability Zones.",
    fix: [DISCONNECT, "Add at least one HSM to the cluster, preferably in different Availability Zones (Clusters page).", CONNECT],
  },
  INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET: {
    title: "No free IP address in a subnet",
    cause: "At least one private subnet of the cluster has no free IP address. KMS needs one free address in each subnet (two are better).",
    fix: [
      DISCONNECT,
      "Free addresses in the subnet (remove unused network interfaces), or create a cluster from a recent backup in larger subnets and edit the key store's cluster ID.",
      CONNECT,
    ],
    edit: "cloudHsmClusterId",
  },
  INVALID_CREDENTIALS: {
    title: "Wrong kmsuser password",
    cause:
      "The key store's kmsuser password does not match the current password of the kmsuser crypto user in the cluster, for example because someone changed it while the store was disconnected.",
    fix: [
      DISCONNECT,
      "Find out the kmsuser password, or set a known one in the cluster (changePswd CU kmsuser as a crypto officer).",
      "Edit the key store and enter that kmsuser password. This only tells KMS the password; it does not change it in the cluster.",
      CONNECT,
    ],
    edit: "keyStorePassword",
  },
  SUBNET_NOT_FOUND: {
    title: "Subnet not found",
    cause: "A subnet in the cluster's configuration was deleted.",
    fix: [
      "Create a cluster from a recent backup, in a VPC with subnets in at least two Availability Zones.",
      DISCONNECT,
      "Edit the key store's cluster ID.",
      CONNECT,
    ],
    edit: "cloudHsmClusterId",
  },
  USER_LOCKED_OUT: {
    title: "kmsuser locked out",
    cause: "The kmsuser crypto user is locked out of the cluster after too many failed logins (CloudHSM locks a user after five).",
    fix: [
      DISCONNECT,
      "Change the kmsuser password in the cluster (changePswd CU kmsuser).",
      "Edit the key store and enter the new kmsuser password.",
      CONNECT,
    ],
    edit: "keyStorePassword",
  },
  USER_LOGGED_IN: {
    title: "kmsuser is logged in",
    cause: "The kmsuser crypto user is logged in to the cluster, which stops KMS from rotating its password and logging in.",
    fix: [DISCONNECT, "Log kmsuser out of the cluster.", "If you changed the kmsuser password, edit the key store and enter it.", CONNECT],
    edit: "keyStorePassword",
  },
  USER_NOT_FOUND: {
    title: "kmsuser not found",
    cause: "The cluster has no kmsuser crypto user.",
    fix: [
      DISCONNECT,
      "Create a crypto user named kmsuser in the cluster (without two-factor authentication).",
      "Edit the key store and enter its password.",
      CONNECT,
    ],
    edit: "keyStorePassword",
  },
  XKS_PROXY_ACCESS_DENIED: {
    title: "Proxy denied access",
    cause: "The external key store proxy's authorization rules deny KMS's requests.",
    fix: ["Change the proxy's authorization policy so that it allows KMS.", CONNECT],
  },
  XKS_PROXY_NOT_REACHABLE: {
    title: "Proxy not reachable",
    cause: "KMS cannot communicate with the external key store proxy, or the proxy reports every external key manager unavailable.",
    fix: [
      DISCONNECT,
      "Check the proxy URI endpoint and path, that the proxy and its key manager are up, and port 443 (locally: the proxy's port).",
      "Keep the round trip to the proxy at 35 ms or less (see the latency of the last checks below).",
      CONNECT,
    ],
    edit: "xksProxyUriEndpoint",
  },
  XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND: {
    title: "VPC endpoint service not found",
    cause: "KMS cannot find the VPC endpoint service of the external key store.",
    fix: [DISCONNECT, "Check the VPC endpoint service name and Region, and that KMS is an allowed principal.", CONNECT],
    edit: "xksProxyVpcEndpointServiceName",
  },
  XKS_PROXY_INVALID_RESPONSE: {
    title: "Invalid proxy response",
    cause: "KMS cannot interpret the proxy's response.",
    fix: [
      DISCONNECT,
      "Check that a load balancer in front of the proxy terminates TLS (not TCP).",
      "If it repeats, contact the proxy vendor.",
      CONNECT,
    ],
  },
  XKS_PROXY_INVALID_CONFIGURATION: {
    title: "Invalid proxy configuration",
    cause: "A configuration error prevents the connection; usually the proxy URI path.",
    fix: [DISCONNECT, "Check and edit the proxy URI path (it can be changed in any state).", CONNECT],
    edit: "xksProxyUriPath",
  },
  XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION: {
    title: "Invalid VPC endpoint service",
    cause: "The VPC endpoint service does not meet the requirements for an external key store.",
    fix: [
      DISCONNECT,
      "Use an interface endpoint service in this account with an NLB in at least two AZs, KMS as an allowed principal, acceptance off, and a verified private DNS name.",
      CONNECT,
    ],
    edit: "xksProxyVpcEndpointServiceName",
  },
  XKS_PROXY_TIMED_OUT: {
    title: "Proxy timed out",
    cause: "The proxy did not answer within the time KMS allows (250 ms).",
    fix: [
      DISCONNECT,
      "Retry. If it persists, move the proxy closer to the key manager and add capacity: KMS waits 250 ms for each answer.",
      CONNECT,
    ],
  },
  XKS_PROXY_INVALID_TLS_CONFIGURATION: {
    title: "Invalid proxy TLS configuration",
    cause: "The proxy's TLS configuration is not valid.",
    fix: [
      DISCONNECT,
      "Use TLS 1.2 or 1.3 and an unexpired certificate from a trusted CA whose name matches the endpoint, with the full chain.",
      CONNECT,
    ],
  },
};

/** The codes whose meaning differs for external key stores (spec/console.md §2.1). */
const XKS_OVERRIDES: Partial<Record<ConnectionErrorCode, ConnectionErrorHelp>> = {
  INVALID_CREDENTIALS: {
    title: "Proxy rejected the credential",
    cause: "The external key store proxy rejects the access key ID or secret access key KMS signs with.",
    fix: [
      "Edit the proxy credential (both parts) to the one the proxy has now; no disconnect is needed for that.",
      "Check that no reverse proxy in front of the XKS proxy rewrites headers (that breaks SigV4).",
      DISCONNECT,
      CONNECT,
    ],
    edit: "xksProxyAccessKeyId",
  },
  NETWORK_ERRORS: {
    title: "Network errors",
    cause: "Network errors are preventing KMS from reaching the external key store proxy.",
    fix: [DISCONNECT, "Check the proxy URI path, firewalls and DNS between KMS and the proxy.", CONNECT],
    edit: "xksProxyUriPath",
  },
};

/** The help for a code as it applies to the store's type. */
export function connectionErrorHelp(code: ConnectionErrorCode, type: KeyStoreType = "AWS_CLOUDHSM"): ConnectionErrorHelp {
  return (type === "EXTERNAL_KEY_STORE" ? XKS_OVERRIDES[code] : undefined) ?? CONNECTION_ERROR_HELP[code];
}
