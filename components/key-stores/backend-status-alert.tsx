"use client";

import { LocalTime } from "@/components/shell/local-time.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { formatAge } from "@/lib/console/format.ts";
import { useNow } from "@/lib/console/use-now.ts";
import type { BackendStatus } from "@/lib/schemas/key-stores.ts";

/** Says, above a table or page served from the status cache, that the backend cannot be reached. */
export function BackendStatusAlert({ backend }: { backend: BackendStatus | undefined }) {
  const now = useNow();
  if (!backend || backend.reachable) return null;
  return (
    <Alert tone="warning" title="The backend cannot be reached" data-testid="backend-status-alert">
      The last status check failed{backend.lastErrorCode ? ` (${backend.lastErrorCode})` : ""} at <LocalTime iso={backend.lastErrorAt} />.
      The states shown are the last known ones, from {formatAge(backend.lastSuccessAt, now)}; they update by themselves when the backend
      answers again.
    </Alert>
  );
}
