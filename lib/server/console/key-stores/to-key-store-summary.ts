import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import type { CustomKeyStoresListEntry } from "@aws-sdk/client-kms";
import { ZConnectionErrorCode, ZConnectionState, ZKeyStoreType, type KeyStoreSummary } from "@/lib/schemas/key-stores.ts";

function hsmCount(cluster: Cluster | undefined): KeyStoreSummary["hsms"] {
  if (!cluster) return null;
  const hsms = (cluster.Hsms ?? []).filter((h) => h.State !== "DELETED");
  const zones = new Map<string, { active: number; total: number }>();
  for (const h of hsms) {
    const z = zones.get(h.AvailabilityZone ?? "?") ?? { active: 0, total: 0 };
    z.total += 1;
    if (h.State === "ACTIVE") z.active += 1;
    zones.set(h.AvailabilityZone ?? "?", z);
  }
  return {
    active: hsms.filter((h) => h.State === "ACTIVE").length,
    total: hsms.length,
    zones: [...zones.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([availabilityZone, c]) => ({ availabilityZone, ...c })),
  };
}

/** The console's view of a key store: DescribeCustomKeyStores' entry, its cluster's HSMs, its key count. */
export function toKeyStoreSummary(store: CustomKeyStoresListEntry, clusters: Map<string, Cluster>, keyCount: number): KeyStoreSummary {
  const state = ZConnectionState.catch("DISCONNECTED").parse(store.ConnectionState);
  const code = ZConnectionErrorCode.safeParse(store.ConnectionErrorCode);
  const xks = store.XksProxyConfiguration;
  return {
    customKeyStoreId: store.CustomKeyStoreId!,
    customKeyStoreName: store.CustomKeyStoreName ?? "",
    customKeyStoreType: ZKeyStoreType.catch("AWS_CLOUDHSM").parse(store.CustomKeyStoreType ?? "AWS_CLOUDHSM"),
    cloudHsmClusterId: store.CloudHsmClusterId || undefined,
    connectionState: state,
    connectionErrorCode: state === "FAILED" ? (code.success ? code.data : "INTERNAL_ERROR") : undefined,
    creationDate: new Date(store.CreationDate ?? 0).toISOString(),
    trustAnchorCertificate: store.TrustAnchorCertificate || undefined,
    xksProxy: xks
      ? {
          connectivity: xks.Connectivity,
          uriEndpoint: xks.UriEndpoint,
          uriPath: xks.UriPath,
          accessKeyId: xks.AccessKeyId,
          vpcEndpointServiceName: xks.VpcEndpointServiceName,
        }
      : undefined,
    hsms: store.CloudHsmClusterId ? hsmCount(clusters.get(store.CloudHsmClusterId)) : null,
    keyCount,
  };
}
