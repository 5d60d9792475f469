"use client";

import { CircleCheck, CircleX } from "lucide-react";
import Link from "next/link";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { useClusters } from "@/lib/queries/clusters.ts";
import { cn } from "@/lib/utils.ts";

/**
 * The wizard's cluster choice: every cluster with its eligibility (ACTIVE, subnets and active HSMs in
 * at least two AZs, not used by another store). Ineligible clusters are shown, not hidden, with why.
 */
export function ClusterPicker({
  value,
  onChange,
  error,
  describedBy,
}: {
  value: string;
  onChange: (clusterId: string) => void;
  error?: string;
  describedBy?: string;
}) {
  const { data, error: loadError, refetch } = useClusters();
  if (loadError) return <ErrorPanel error={loadError} title="The clusters could not be loaded" onRetry={() => void refetch()} />;
  if (!data) {
    return (
      <div className="flex flex-col gap-2" aria-label="Loading clusters">
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-16 w-full" />
      </div>
    );
  }
  if (data.clusters.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-border p-4 text-sm text-muted-foreground">
        There are no CloudHSM clusters in this account and Region.{" "}
        <Link href="/clusters" className="font-bold text-link hover:underline">
          Create a cluster
        </Link>{" "}
        first.
      </p>
    );
  }
  return (
    <div
      role="radiogroup"
      aria-label="CloudHSM cluster"
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      className="flex flex-col gap-2"
      data-testid="cluster-picker"
    >
      {data.clusters.map((c) => {
        const zones = [...new Set(c.hsms.map((h) => h.availabilityZone))].sort();
        const summary =
          zones
            .map((az) => `${az}: ${c.hsms.filter((h) => h.availabilityZone === az && h.state === "ACTIVE").length} active`)
            .join(" · ") || "no HSMs";
        const selected = value === c.clusterId;
        return (
          <label
            key={c.clusterId}
            className={cn(
              "flex gap-3 rounded-lg border-2 px-3.5 py-3",
              c.eligibility.eligible ? "cursor-pointer hover:border-link/60" : "cursor-not-allowed bg-muted/50",
              selected ? "border-link bg-selected" : error ? "border-destructive/60" : "border-border",
            )}
            data-testid="cluster-option"
            data-eligible={c.eligibility.eligible}
          >
            <input
              type="radio"
              name="cluster"
              value={c.clusterId}
              checked={selected}
              disabled={!c.eligibility.eligible}
              onChange={() => onChange(c.clusterId)}
              className="mt-1 size-4 accent-[var(--color-link)]"
              aria-describedby={`why-${c.clusterId}`}
            />
            <span className="flex min-w-0 flex-1 flex-col gap-0.5">
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-sm font-bold">{c.clusterId}</span>
                <span className="text-xs text-muted-foreground">{c.state}</span>
              </span>
              <span className="text-xs text-muted-foreground">HSMs — {summary}</span>
              <span id={`why-${c.clusterId}`} className="mt-1 flex flex-col gap-0.5 text-xs">
                {c.eligibility.eligible ? (
                  <span className="flex items-center gap-1 text-success">
                    <CircleCheck className="size-3.5" aria-hidden /> Eligible: active, HSMs in two or more Availability Zones, not used by a
                    key store
                  </span>
                ) : (
                  c.eligibility.reasons.map((r) => (
                    <span key={r} className="flex items-start gap-1 text-destructive">
                      <CircleX className="mt-px size-3.5 shrink-0" aria-hidden /> {r}
                    </span>
                  ))
                )}
              </span>
            </span>
          </label>
        );
      })}
      <p className="text-xs text-muted-foreground">
        Need another cluster?{" "}
        <Link href="/clusters" className="text-link underline underline-offset-2 hover:text-link-hover">
          Manage clusters and HSMs
        </Link>
        .
      </p>
    </div>
  );
}
