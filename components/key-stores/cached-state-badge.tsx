"use client";

import { CloudOff } from "lucide-react";
import { useDisplayZone } from "@/components/shell/local-time.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { formatAge, formatDateTime } from "@/lib/console/format.ts";
import { useNow } from "@/lib/console/use-now.ts";
import { cn } from "@/lib/utils.ts";
import type { BackendStatus, KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { CONNECTION_STATE_BADGES, ConnectionStateBadge } from "./connection-state-badge.tsx";

type Props = { store: KeyStoreSummary; backend?: BackendStatus; compact?: boolean };

/**
 * The connection state from the status cache, how old it is and, when the last poll could not reach
 * the backend, that it is the LAST KNOWN state, since when, and since when the backend is unreachable.
 */
export function CachedStateBadge({ store, backend, compact }: Props) {
  const now = useNow();
  const zone = useDisplayZone();
  const unreachable = backend ? !backend.reachable : false;
  const label = CONNECTION_STATE_BADGES[store.connectionState]?.label ?? store.connectionState;
  const since = store.stateSince ? `${label} since ${formatDateTime(store.stateSince, zone)}` : label;
  return (
    <span
      // In the table (compact) the age goes under the badges, so the column is as wide as a badge, not the sum.
      className={cn("inline-flex gap-1.5", compact ? "flex-col items-start" : "flex-wrap items-center")}
      data-testid="cached-state"
      data-unreachable={unreachable}
    >
      <ConnectionStateBadge state={store.connectionState} errorCode={store.connectionErrorCode} compact={compact} />
      {unreachable ? (
        <Badge
          tone="warning"
          data-testid="backend-unreachable"
          title={`The backend could not be reached${backend?.lastErrorCode ? ` (${backend.lastErrorCode})` : ""} since ${formatDateTime(backend?.lastErrorAt, zone)}. Last known: ${since}.`}
        >
          <CloudOff aria-hidden />
          Backend unreachable
        </Badge>
      ) : null}
      {store.checkedAt ? (
        <span
          className="text-xs whitespace-nowrap text-muted-foreground"
          title={`${since}. Checked ${formatDateTime(store.checkedAt, zone)}.`}
          data-testid="state-age"
          // The server's render and the browser's first one read the clock a moment apart: a differing age
          // must not make React discard the server's HTML (a click on the row's link would be lost).
          suppressHydrationWarning
        >
          {`${unreachable ? "last known, " : ""}${compact ? "" : "checked "}${formatAge(store.checkedAt, now)}`}
        </span>
      ) : null}
    </span>
  );
}
