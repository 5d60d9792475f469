import "server-only";
import { ListKeysCommand, type KMSClient } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";

/** Every key id of the account and Region (ListKeys, all pages of 1,000). */
export async function listAllKeyIds(kms: KMSClient): Promise<string[]> {
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => kms.send(new ListKeysCommand({ Marker: marker, Limit: 1000 })));
    ids.push(...(page.Keys ?? []).map((k) => k.KeyId!).filter(Boolean));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return ids;
}
