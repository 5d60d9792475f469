import "server-only";
import type { AliasListEntry, KeyMetadata } from "@aws-sdk/client-kms";
import { ZKeyState, ZOrigin, type KeySummary } from "@/lib/schemas/keys.ts";
import type { KeySummaryCache } from "@/lib/generated/prisma-sqlite/client.ts";
import { toKeySummary } from "@/lib/server/console/keys/to-key-summary.ts";

// One key as the cache table holds it, and back. Sort and search columns are derived here only.

/** Sorts after every alias and store name ("alias/…", names of letters and digits). */
export const SORTS_LAST = "~";

export type KeyCacheRow = Omit<KeySummaryCache, "refreshedAt">;

/** The row for a key from DescribeKey, the alias names that point at it and its store's name. */
export function toKeyCacheRow(m: KeyMetadata, aliases: AliasListEntry[], storeNames: Map<string, string>): KeyCacheRow {
  const s = toKeySummary(m, aliases, storeNames);
  return {
    keyId: s.keyId,
    arn: s.arn,
    aliasesJson: JSON.stringify(s.aliases),
    sortAlias: s.aliases[0] ?? SORTS_LAST,
    description: s.description,
    keyState: s.keyState,
    origin: s.origin,
    keyManager: s.keyManager,
    keySpec: s.keySpec,
    keyUsage: s.keyUsage,
    customKeyStoreId: s.customKeyStoreId ?? null,
    customKeyStoreName: s.customKeyStoreName ?? null,
    sortStore: s.customKeyStoreId ? s.customKeyStoreName || s.customKeyStoreId : SORTS_LAST,
    cloudHsmClusterId: s.cloudHsmClusterId ?? null,
    xksKeyId: m.XksKeyConfiguration?.Id ?? null,
    creationDate: new Date(s.creationDate),
    deletionDate: s.deletionDate ? new Date(s.deletionDate) : null,
    pendingDeletionWindowInDays: s.pendingDeletionWindowInDays ?? null,
    searchText: searchText(s.aliases, s.keyId, s.description),
  };
}

export function searchText(aliases: string[], keyId: string, description: string): string {
  return [...aliases, keyId, description].join("\n").toLowerCase();
}

function parseAliases(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((a): a is string => typeof a === "string") : [];
  } catch {
    return [];
  }
}

/** The console's KeySummary from a cached row. */
export function summaryFromRow(r: KeyCacheRow): KeySummary {
  return {
    keyId: r.keyId,
    arn: r.arn,
    aliases: parseAliases(r.aliasesJson),
    description: r.description,
    keyState: ZKeyState.catch("Unavailable").parse(r.keyState),
    origin: ZOrigin.catch("AWS_KMS").parse(r.origin),
    keyManager: r.keyManager,
    keySpec: r.keySpec,
    keyUsage: r.keyUsage,
    creationDate: r.creationDate.toISOString(),
    deletionDate: r.deletionDate?.toISOString(),
    pendingDeletionWindowInDays: r.pendingDeletionWindowInDays ?? undefined,
    customKeyStoreId: r.customKeyStoreId ?? undefined,
    customKeyStoreName: r.customKeyStoreName ?? undefined,
    cloudHsmClusterId: r.cloudHsmClusterId ?? undefined,
  };
}
