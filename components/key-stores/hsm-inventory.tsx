import { Badge } from "@/components/ui/badge.tsx";
import type { ClusterSummary } from "@/lib/schemas/clusters.ts";

const HSM_TONE: Record<string, "success" | "info" | "danger" | "neutral"> = {
  ACTIVE: "success",
  CREATE_IN_PROGRESS: "info",
  DELETE_IN_PROGRESS: "info",
  DEGRADED: "danger",
  DELETED: "neutral",
};

/** The cluster's HSMs grouped by Availability Zone: id, state, ENI address, subnet. */
export function HsmInventory({
  cluster,
  actions,
}: {
  cluster: ClusterSummary;
  actions?: (hsm: ClusterSummary["hsms"][number]) => React.ReactNode;
}) {
  const zones = [...new Set([...cluster.subnetZones, ...cluster.hsms.map((h) => h.availabilityZone)])].sort();
  return (
    <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
      {zones.map((az) => {
        const hsms = cluster.hsms.filter((h) => h.availabilityZone === az);
        const active = hsms.filter((h) => h.state === "ACTIVE").length;
        return (
          <section key={az} aria-label={`HSMs in ${az}`} className="rounded-lg border border-border" data-testid="az-group">
            <h3 className="flex items-center justify-between border-b border-border bg-muted/60 px-3 py-2 text-sm font-bold">
              {az}
              <span className="text-xs font-normal text-muted-foreground">
                {active} active of {hsms.length}
              </span>
            </h3>
            {hsms.length === 0 ? (
              <p className="px-3 py-3 text-sm text-muted-foreground">No HSM in this Availability Zone.</p>
            ) : (
              <ul className="divide-y divide-border">
                {hsms.map((h) => (
                  <li key={h.hsmId} className="flex items-center justify-between gap-2 px-3 py-2" data-testid="hsm-row">
                    <div className="min-w-0">
                      <p className="font-mono text-xs">{h.hsmId}</p>
                      <p className="text-xs text-muted-foreground">{h.eniIp ?? "no address yet"}</p>
                    </div>
                    <div className="flex items-center gap-2">
                      <Badge tone={HSM_TONE[h.state] ?? "neutral"}>{h.state.replaceAll("_", " ").toLowerCase()}</Badge>
                      {actions?.(h)}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
