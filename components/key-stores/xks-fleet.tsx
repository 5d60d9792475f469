import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import type { XksProxyHealthReport } from "@/lib/schemas/key-stores.ts";

const TONE: Record<XksProxyHealthReport["ekmFleetDetails"][number]["healthStatus"], BadgeTone> = {
  ACTIVE: "success",
  DEGRADED: "warning",
  UNAVAILABLE: "danger",
};

/** What a proxy's GetHealthStatus reported: the proxy and its external key managers, each with its health. */
export function XksFleet({ report }: { report: XksProxyHealthReport }) {
  return (
    <div className="flex flex-col gap-2 text-sm" data-testid="xks-fleet">
      <p>
        <span className="font-bold">{report.xksProxyVendor}</span> {report.xksProxyModel} — fleet of {report.xksProxyFleetSize} proxy
        {report.xksProxyFleetSize === 1 ? "" : " instances"}; external key manager: <span className="font-bold">{report.ekmVendor}</span>
      </p>
      <ul className="flex flex-col gap-1">
        {report.ekmFleetDetails.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center gap-2">
            <Badge tone={TONE[e.healthStatus]}>{e.healthStatus}</Badge>
            <span className="font-mono text-xs [overflow-wrap:anywhere]">{e.id}</span>
            <span className="text-muted-foreground">{e.model}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
