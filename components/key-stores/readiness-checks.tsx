import { CircleCheck, CircleHelp, XCircle, type LucideIcon } from "lucide-react";
import type { ReadinessCheck } from "@/lib/schemas/key-stores.ts";
import { cn } from "@/lib/utils.ts";

const STATUS: Record<ReadinessCheck["status"], { icon: LucideIcon; className: string; label: string }> = {
  pass: { icon: CircleCheck, className: "text-success", label: "Passes" },
  fail: { icon: XCircle, className: "text-destructive", label: "Fails" },
  unknown: { icon: CircleHelp, className: "text-muted-foreground", label: "Not known yet" },
};

/** The documented prerequisites of a CloudHSM key store, each with what it means or how to fix it. */
export function ReadinessChecks({ checks, compact }: { checks: ReadinessCheck[] | undefined; compact?: boolean }) {
  if (!checks?.length) return null;
  return (
    <ul className={cn("flex flex-col", compact ? "gap-1" : "gap-2.5")} data-testid="readiness-checks">
      {checks.map((c) => {
        const s = STATUS[c.status];
        const Icon = s.icon;
        return (
          <li key={c.id} className="flex gap-2 text-sm" data-testid="readiness-check" data-check={c.id} data-status={c.status}>
            <Icon className={cn("mt-0.5 size-4 shrink-0", s.className)} aria-label={s.label} />
            <span className="flex min-w-0 flex-col">
              <span className={cn(compact ? "text-xs" : "font-bold")}>{c.label}</span>
              {compact && c.status === "pass" ? null : <span className="text-xs text-muted-foreground">{c.detail}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
