import "server-only";
import { ListAliasesCommand, type AliasListEntry, type KMSClient } from "@aws-sdk/client-kms";
import type { KeySummary } from "@/lib/schemas/keys.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { describeKeys } from "./describe-keys.ts";
import { listAllKeyIds } from "./list-all-key-ids.ts";
import { toKeySummary } from "./to-key-summary.ts";

export async function allAliases(kms: KMSClient): Promise<AliasListEntry[]> {
  const aliases: AliasListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => kms.send(new ListAliasesCommand({ Marker: marker, Limit: 100 })));
    aliases.push(...(page.Aliases ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return aliases;
}

/**
 * The customer managed keys of the account and Region with their aliases (ListKeys, DescribeKey
 * each, ListAliases), newest first. `storeNames` names the custom key stores they live in.
 */
export async function describeAllKeys(kms: KMSClient, storeNames: Map<string, string>): Promise<KeySummary[]> {
  const [ids, aliases] = await Promise.all([listAllKeyIds(kms), allAliases(kms)]);
  const metadata = await describeKeys(kms, ids);
  return metadata
    .filter((m) => m.KeyManager !== "AWS")
    .map((m) => toKeySummary(m, aliases, storeNames))
    .sort((a, b) => b.creationDate.localeCompare(a.creationDate));
}
