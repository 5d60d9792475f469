import "server-only";
import type { KMSClient } from "@aws-sdk/client-kms";
import type { KeySummary } from "@/lib/schemas/keys.ts";
import { listAllAliases } from "@/lib/server/console/key-cache/list-all-aliases.ts";
import { describeKeys } from "./describe-keys.ts";
import { listAllKeyIds } from "./list-all-key-ids.ts";
import { toKeySummary } from "./to-key-summary.ts";

/**
 * The customer managed keys of the account and Region with their aliases (ListKeys, DescribeKey
 * each, ListAliases), newest first, described live. `storeNames` names the custom key stores they live
 * in. The key-material inventory needs this live view; the keys table reads the key cache instead.
 */
export async function describeAllKeys(kms: KMSClient, storeNames: Map<string, string>): Promise<KeySummary[]> {
  const [ids, aliases] = await Promise.all([listAllKeyIds(kms), listAllAliases(kms)]);
  const metadata = await describeKeys(kms, ids);
  return metadata
    .filter((m) => m.KeyManager !== "AWS")
    .map((m) => toKeySummary(m, aliases, storeNames))
    .sort((a, b) => b.creationDate.localeCompare(a.creationDate));
}
