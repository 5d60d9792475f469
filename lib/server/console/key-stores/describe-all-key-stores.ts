import "server-only";
import { DescribeCustomKeyStoresCommand, type CustomKeyStoresListEntry, type KMSClient } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";

/** Every custom key store of the account and Region (DescribeCustomKeyStores, all pages). */
export async function describeAllKeyStores(kms: KMSClient): Promise<CustomKeyStoresListEntry[]> {
  const stores: CustomKeyStoresListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => kms.send(new DescribeCustomKeyStoresCommand({ Marker: marker, Limit: 1000 })));
    stores.push(...(page.CustomKeyStores ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return stores;
}
