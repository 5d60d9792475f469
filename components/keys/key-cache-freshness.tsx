"use client";

import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { formatAge } from "@/lib/console/format.ts";
import { useNow } from "@/lib/console/use-now.ts";
import { useRefreshKeyCache } from "@/lib/queries/keys.ts";

/** How fresh the keys table's cache is ("updated 12 s ago"), and a button to refresh it now. */
export function KeyCacheFreshness({
  refreshedAt,
  errorCode,
  statesAsOf,
}: {
  refreshedAt: string | null | undefined;
  errorCode?: string | null;
  /** AWS mode: the oldest key state's DescribeKey; said when it is a minute older than the listing. */
  statesAsOf?: string | null;
}) {
  const now = useNow();
  const refresh = useRefreshKeyCache();
  return (
    <span className="flex items-center gap-2 text-xs text-muted-foreground" data-testid="key-cache-freshness">
      <span role="status" suppressHydrationWarning>
        {refreshedAt === undefined ? "Loading…" : `Updated ${formatAge(refreshedAt, now)}`}
        {errorCode ? ` (the last refresh failed: ${errorCode})` : null}
        {refreshedAt && statesAsOf && new Date(refreshedAt).getTime() - new Date(statesAsOf).getTime() > 60_000
          ? `; key states read ${formatAge(statesAsOf, now)} at the oldest`
          : null}
      </span>
      <Button variant="normal" size="sm" onClick={() => refresh.mutate()} disabled={refresh.isPending} aria-label="Refresh the key list">
        <RefreshCw className={refresh.isPending ? "animate-spin" : undefined} aria-hidden />
        Refresh
      </Button>
    </span>
  );
}
