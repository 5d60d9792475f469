"use client";

import Link from "next/link";
import { CachedStateBadge } from "@/components/key-stores/cached-state-badge.tsx";
import { ReadinessChecks } from "@/components/key-stores/readiness-checks.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { canCreateKeyIn } from "@/lib/console/key-store-actions.ts";
import { useKeyStores } from "@/lib/queries/key-stores.ts";
import { cn } from "@/lib/utils.ts";

/** Custom key stores for a new key: only CONNECTED stores whose cluster has active HSMs in two AZs can be chosen. */
export function StorePicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const { data, error: loadError, refetch } = useKeyStores();
  if (loadError) return <ErrorPanel error={loadError} title="The key stores could not be loaded" onRetry={() => void refetch()} />;
  if (!data) return <Skeleton className="h-20 w-full" />;
  const stores = data.keyStores.filter((s) => s.customKeyStoreType === "AWS_CLOUDHSM");
  return (
    <div role="radiogroup" aria-label="Custom key store" className="flex flex-col gap-2" data-testid="store-picker">
      {stores.length === 0 ? <p className="text-sm text-muted-foreground">There are no CloudHSM key stores yet.</p> : null}
      {stores.map((s) => {
        const rule = canCreateKeyIn(s);
        const zones = s.hsms?.zones.filter((z) => z.active > 0).map((z) => z.availabilityZone) ?? [];
        return (
          <label
            key={s.customKeyStoreId}
            data-testid="store-option"
            data-selectable={rule.allowed}
            className={cn(
              "flex gap-3 rounded-lg border-2 px-3.5 py-3",
              rule.allowed ? "cursor-pointer hover:border-link/60" : "cursor-not-allowed bg-muted/50",
              value === s.customKeyStoreId ? "border-link bg-selected" : error ? "border-destructive/60" : "border-border",
            )}
          >
            <input
              type="radio"
              name="store"
              value={s.customKeyStoreId}
              checked={value === s.customKeyStoreId}
              disabled={!rule.allowed}
              onChange={() => onChange(s.customKeyStoreId)}
              className="mt-1 size-4 accent-[var(--color-link)]"
            />
            <span className="flex min-w-0 flex-1 flex-col gap-0.5">
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-bold">{s.customKeyStoreName}</span>
                <span className="font-mono text-xs text-muted-foreground">{s.customKeyStoreId}</span>
                <CachedStateBadge store={s} backend={data.backend} compact />
              </span>
              <span className="text-xs text-muted-foreground">
                Cluster {s.cloudHsmClusterId} ·{" "}
                {zones.length >= 2
                  ? `active HSMs in ${zones.join(" and ")}`
                  : `active HSMs in ${zones.length} Availability Zone${zones.length === 1 ? "" : "s"}`}
              </span>
              {!rule.allowed ? <span className="text-xs text-destructive">{rule.reason}</span> : null}
              {value === s.customKeyStoreId || !rule.allowed ? (
                <span className="mt-1.5">
                  <ReadinessChecks checks={s.readiness} compact />
                </span>
              ) : null}
            </span>
          </label>
        );
      })}
      <p className="text-xs text-muted-foreground">
        <Link href="/key-stores/new" className="text-link underline underline-offset-2 hover:text-link-hover">
          Create a custom key store
        </Link>{" "}
        · Only connected key stores whose cluster has two active HSMs in different Availability Zones can hold new keys.
      </p>
    </div>
  );
}
