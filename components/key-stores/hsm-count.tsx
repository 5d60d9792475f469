import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { cn } from "@/lib/utils.ts";

/** "2 / 2" active / total HSMs, warning when fewer than two AZs have an active HSM; AZs in the tooltip and for screen readers. */
export function HsmCount({ hsms }: { hsms: KeyStoreSummary["hsms"] }) {
  if (!hsms)
    return (
      <span className="text-muted-foreground" title="The cluster could not be described">
        —
      </span>
    );
  const zones = hsms.zones.map((z) => `${z.availabilityZone}: ${z.active} active of ${z.total}`).join("\n");
  const activeZones = hsms.zones.filter((z) => z.active > 0).length;
  const weak = activeZones < 2;
  return (
    <span
      title={zones || "No HSMs"}
      className={cn("inline-flex flex-wrap items-baseline gap-x-1.5 tabular-nums", weak && "font-bold text-warning")}
      data-testid="hsm-count"
    >
      {/* Each part stays whole; in a narrow column the AZ count goes under the HSM count. */}
      <span className="whitespace-nowrap">
        {hsms.active} / {hsms.total}
      </span>
      <span className="text-xs font-normal whitespace-nowrap text-muted-foreground">
        in {activeZones} AZ{activeZones === 1 ? "" : "s"}
      </span>
      <span className="sr-only">. {zones}</span>
    </span>
  );
}
