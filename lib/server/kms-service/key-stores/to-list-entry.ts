import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";

/** CustomKeyStoresListEntry (spec §3, field-presence rules §3.1). The password is not a member. */
export type CustomKeyStoresListEntry = {
  CustomKeyStoreId: string;
  CustomKeyStoreName: string;
  CloudHsmClusterId?: string;
  TrustAnchorCertificate?: string;
  ConnectionState: string;
  ConnectionErrorCode?: string;
  CreationDate: Date;
  CustomKeyStoreType: string;
  XksProxyConfiguration?: {
    Connectivity?: string;
    AccessKeyId?: string;
    UriEndpoint?: string;
    UriPath?: string;
    VpcEndpointServiceName?: string;
    VpcEndpointServiceOwner?: string;
  };
};

export function toListEntry(store: CustomKeyStore): CustomKeyStoresListEntry {
  const cloudHsm = store.type === "AWS_CLOUDHSM";
  return {
    CustomKeyStoreId: store.id,
    CustomKeyStoreName: store.name,
    CloudHsmClusterId: cloudHsm ? (store.cloudHsmClusterId ?? undefined) : undefined,
    TrustAnchorCertificate: cloudHsm ? (store.trustAnchorPem ?? undefined) : undefined,
    ConnectionState: store.connectionState,
    ConnectionErrorCode: store.connectionState === "FAILED" ? (store.connectionErrorCode ?? "INTERNAL_ERROR") : undefined,
    CreationDate: store.createdAt,
    CustomKeyStoreType: store.type,
    // External key stores (§3.1): the proxy's configuration; the credential's AccessKeyId, never its secret.
    XksProxyConfiguration:
      store.type === "EXTERNAL_KEY_STORE"
        ? {
            Connectivity: store.xksProxyConnectivity ?? undefined,
            AccessKeyId: store.xksProxyAccessKeyId ?? undefined,
            UriEndpoint: store.xksProxyUriEndpoint ?? undefined,
            UriPath: store.xksProxyUriPath ?? undefined,
            VpcEndpointServiceName: store.xksProxyVpcEndpointServiceName ?? undefined,
            VpcEndpointServiceOwner: store.xksProxyVpcEndpointServiceOwner ?? undefined,
          }
        : undefined,
  };
}
