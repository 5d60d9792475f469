import "server-only";
import type { Backup } from "@aws-sdk/client-cloudhsm-v2";
import { describeBackups } from "@/lib/server/hsm/clusters/describe-backups.ts";
import { checkFilterNames } from "./check-filters.ts";
import { pageAfter } from "./next-token.ts";

export type ListBackupsOptions = {
  filters?: Record<string, string[]>;
  maxResults?: number;
  nextToken?: string;
  shared?: boolean;
  sortAscending?: boolean;
};

export const BACKUP_FILTERS = ["backupIds", "sourceBackupIds", "clusterIds", "states", "neverExpires"] as const;

/**
 * DescribeBackups: backups matching every given filter, newest first (oldest first with SortAscending),
 * paged. Nothing is shared with this account, so Shared=true lists none.
 */
export async function listBackups(options: ListBackupsOptions): Promise<{ Backups: Backup[]; NextToken?: string }> {
  checkFilterNames(options.filters, BACKUP_FILTERS);
  if (options.shared) return { Backups: [] };
  const { backupIds, sourceBackupIds, clusterIds, states, neverExpires } = options.filters ?? {};
  const backups = (await describeBackups({ backupIds, clusterIds, states, sortAscending: options.sortAscending }))
    .filter((b) => !sourceBackupIds || sourceBackupIds.includes(b.SourceBackup ?? ""))
    .filter((b) => !neverExpires || neverExpires.includes(String(b.NeverExpires ?? false)));
  const page = pageAfter(backups, (b) => ({ id: b.BackupId!, createdAt: b.CreateTimestamp! }), {
    token: options.nextToken,
    maxResults: options.maxResults,
    descending: !options.sortAscending,
  });
  return { Backups: page.items, NextToken: page.nextToken };
}
