import "server-only";
import { DescribeKeyCommand, ListAliasesCommand, ListKeysCommand, type AliasListEntry, type KMSClient, type KeyMetadata } from "@aws-sdk/client-kms";
import type { KeySummary } from "@/lib/schemas/keys.ts";
import { callAws, sdkError } from "@/lib/server/aws/sdk-error.ts";
import { toKeySummary } from "./to-key-summary.ts";

async function allAliases(kms: KMSClient): Promise<AliasListEntry[]> {
  const aliases: AliasListEntry[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => kms.send(new ListAliasesCommand({ Marker: marker, Limit: 100 })));
    aliases.push(...(page.Aliases ?? []));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return aliases;
}

async function allKeyIds(kms: KMSClient): Promise<string[]> {
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => kms.send(new ListKeysCommand({ Marker: marker, Limit: 1000 })));
    ids.push(...(page.Keys ?? []).map((k) => k.KeyId!).filter(Boolean));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker);
  return ids;
}

async function describeEach(kms: KMSClient, ids: string[]): Promise<KeyMetadata[]> {
  const out: KeyMetadata[] = [];
  const BATCH = 16;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = await Promise.all(
      ids.slice(i, i + BATCH).map(async (id) => {
        try {
          return (await kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata;
        } catch (e) {
          // Deleted between ListKeys and DescribeKey: not a key any more.
          if ((e as { name?: string }).name === "NotFoundException") return undefined;
          throw sdkError(e);
        }
      }),
    );
    for (const m of batch) if (m) out.push(m);
  }
  return out;
}

/**
 * The customer managed keys of the account and Region with their aliases (ListKeys, DescribeKey
 * each, ListAliases), newest first. `storeNames` names the custom key stores they live in.
 */
export async function describeAllKeys(kms: KMSClient, storeNames: Map<string, string>): Promise<KeySummary[]> {
  const [ids, aliases] = await Promise.all([allKeyIds(kms), allAliases(kms)]);
  const metadata = await describeEach(kms, ids);
  return metadata
    .filter((m) => m.KeyManager !== "AWS")
    .map((m) => toKeySummary(m, aliases, storeNames))
    .sort((a, b) => b.creationDate.localeCompare(a.creationDate));
}
