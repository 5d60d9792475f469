import { Badge } from "@/components/ui/badge.tsx";
import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";

/**
 * What the poller's last GetHealthStatus of the store's proxy saw (local backend). The connection state
 * stays KMS's word (a store stays CONNECTED while its proxy is down, as in KMS); this says the proxy's.
 */
export function XksHealthBadge({ store }: { store: KeyStoreSummary }) {
  const last = store.xksHealth?.probes[0];
  if (!last) return null;
  return last.ok ? (
    <Badge tone="success" className="w-fit" data-testid="xks-health-badge">
      Proxy healthy · {last.latencyMs.toFixed(0)} ms
    </Badge>
  ) : (
    <Badge tone="danger" className="w-fit font-mono" data-testid="xks-health-badge">
      Proxy: {last.errorCode}
    </Badge>
  );
}
