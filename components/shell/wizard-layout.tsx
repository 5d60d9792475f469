import { Check } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef, type ReactNode } from "react";
import { Button, buttonVariants } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { cn } from "@/lib/utils.ts";

export type WizardStep = { key: string; title: string; optional?: boolean };

export type WizardLayoutProps = {
  steps: WizardStep[];
  current: number;
  onStepClick: (index: number) => void;
  description?: ReactNode;
  /** Where Cancel goes. */
  cancelHref: string;
  onPrevious: () => void;
  /** Validates the current step and moves on; Enter in a field does the same. */
  onNext: () => void;
  /** Runs on the last step, from its button or Enter. */
  onSubmit: () => void;
  submitLabel: string;
  pendingLabel: string;
  /** The submission is in flight: Previous and the submit button are disabled. */
  pending: boolean;
  /** The current step's fields. */
  children: ReactNode;
};

/**
 * The AWS-style wizard frame shared by the creation wizards: the step list on the left (done steps
 * can be revisited), the current step's title and form on the right, and Cancel / Previous / Next
 * (or the submit button on the last step) at the bottom.
 */
export function WizardLayout({
  steps,
  current,
  onStepClick,
  description,
  cancelHref,
  onPrevious,
  onNext,
  onSubmit,
  submitLabel,
  pendingLabel,
  pending,
  children,
}: WizardLayoutProps) {
  const step = steps[current]!;
  const last = current === steps.length - 1;
  // After a step change (not on the first render), focus goes to the new step's heading, on every step
  // alike: a screen reader announces where the user is and Tab continues into the step's fields.
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(current);
  useEffect(() => {
    if (shown.current === current) return;
    shown.current = current;
    heading.current?.focus();
  }, [current]);
  return (
    <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
      <WizardStepList steps={steps} current={current} onStepClick={onStepClick} />
      <div className="flex min-w-0 flex-col gap-4">
        <div>
          <h2 ref={heading} tabIndex={-1} className="text-xl font-bold outline-none" data-testid="wizard-step-title">
            {step.title}
          </h2>
          {description ? <p className="mt-1 text-sm text-muted-foreground">{description}</p> : null}
        </div>
        <Card className="p-5">
          <form
            noValidate
            className="flex flex-col gap-5"
            onSubmit={(e) => {
              e.preventDefault();
              if (last) onSubmit();
              else onNext();
            }}
          >
            {children}
            <button type="submit" hidden />
          </form>
        </Card>
        <div className="flex flex-wrap items-center justify-end gap-2">
          <Link href={cancelHref} className={buttonVariants({ variant: "link" })}>
            Cancel
          </Link>
          {current > 0 ? (
            <Button variant="normal" onClick={onPrevious} disabled={pending}>
              Previous
            </Button>
          ) : null}
          {last ? (
            <Button variant="primary" onClick={onSubmit} disabled={pending}>
              {pending ? pendingLabel : submitLabel}
            </Button>
          ) : (
            <Button variant="primary" onClick={onNext}>
              Next
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}

function WizardStepList({ steps, current, onStepClick }: Pick<WizardLayoutProps, "steps" | "current" | "onStepClick">) {
  return (
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
                  <span className={cn("text-sm", active ? "font-bold text-link" : done ? "text-link" : "text-muted-foreground")}>
                    {s.title}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
