import "server-only";
import type { Cluster } from "@aws-sdk/client-cloudhsm-v2";
import { DescribeCustomKeyStoresCommand, type KMSClient } from "@aws-sdk/client-kms";
import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import type { Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeAllClusters } from "@/lib/server/console/clusters/describe-all-clusters.ts";
import { toKeyStoreSummary } from "./to-key-store-summary.ts";

/** A key store's current summary after a change (its key count is left to the next full read). */
export async function describeOneKeyStore(
  kms: KMSClient,
  caller: Caller,
  customKeyStoreId: string,
  keyCount = 0,
): Promise<KeyStoreSummary> {
  const described = await callAws(() => kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: customKeyStoreId })));
  const store = described.CustomKeyStores?.[0];
  if (!store) throw new Error(`DescribeCustomKeyStores returned no entry for ${customKeyStoreId}`);
  const clusters = store.CloudHsmClusterId ? await describeAllClusters(caller).catch(() => [] as Cluster[]) : [];
  return toKeyStoreSummary(store, new Map(clusters.map((c) => [c.ClusterId!, c])), keyCount);
}
