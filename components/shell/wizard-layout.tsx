import { Check } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card.tsx";
import { cn } from "@/lib/utils.ts";

export type WizardStep = { key: string; title: string; optional?: boolean };

/**
 * The AWS-style wizard frame: the step list on the left (done steps can be revisited), the current
 * step's title and form on the right, and Cancel / Previous / Next at the bottom.
 */
export function WizardLayout({
  steps,
  current,
  onStepClick,
  children,
  footer,
  description,
}: {
  steps: WizardStep[];
  current: number;
  onStepClick: (index: number) => void;
  children: ReactNode;
  footer: ReactNode;
  description?: ReactNode;
}) {
  const step = steps[current]!;
  return (
    <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
      <nav aria-label="Wizard steps">
        <ol className="flex flex-col gap-1">
          {steps.map((s, i) => {
            const done = i < current;
            const active = i === current;
            return (
              <li key={s.key}>
                <button
                  type="button"
                  onClick={() => onStepClick(i)}
                  disabled={i > current}
                  aria-current={active ? "step" : undefined}
                  className={cn(
                    "flex w-full cursor-pointer items-start gap-2.5 rounded-md px-2 py-1.5 text-left disabled:cursor-default",
                    active ? "bg-selected" : done ? "hover:bg-muted" : "",
                  )}
                >
                  <span
                    aria-hidden
                    className={cn(
                      "mt-0.5 flex size-5 shrink-0 items-center justify-center rounded-full text-[11px] font-bold",
                      done ? "bg-success text-white" : active ? "bg-link text-white" : "border border-border text-muted-foreground",
                    )}
                  >
                    {done ? <Check className="size-3" /> : i + 1}
                  </span>
                  <span className="flex flex-col">
                    <span className="text-xs text-muted-foreground">
                      Step {i + 1}
                      {s.optional ? " – optional" : ""}
                    </span>
                    <span className={cn("text-sm", active ? "font-bold text-link" : done ? "text-link" : "text-muted-foreground")}>{s.title}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <div className="flex min-w-0 flex-col gap-4">
        <div>
          <h2 className="text-xl font-bold" data-testid="wizard-step-title">
            {step.title}
          </h2>
          {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
        </div>
        <Card className="p-5">{children}</Card>
        <div className="flex flex-wrap items-center justify-end gap-2">{footer}</div>
      </div>
    </div>
  );
}
