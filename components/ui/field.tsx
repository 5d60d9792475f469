"use client";

import { XOctagon } from "lucide-react";
import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from "react";
import { cn } from "@/lib/utils.ts";
import { Label } from "./label.tsx";

export type FieldProps = {
  label: ReactNode;
  /** Help text under the label. */
  description?: ReactNode;
  /** Shown under the control, in red, and announced; wires aria-invalid and aria-describedby. */
  error?: string;
  /** Extra text after the control (constraints). */
  constraint?: ReactNode;
  /**
   * The control, which gets the id and the aria attributes; or, when the control sits inside other
   * markup (an input with a prefix), a function that puts them on it.
   */
  children: ReactElement<Record<string, unknown>> | ((control: ControlProps) => ReactNode);
  className?: string;
  /** Use when the control is not a single input (a group): the label becomes a legend-like heading. */
  asGroup?: boolean;
};

/** What a `Field` puts on its control. */
export type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/** A labelled form control with its description, constraint and field error, wired for assistive tech. */
export function Field({ label, description, error, constraint, children, className, asGroup }: FieldProps) {
  const id = useId();
  const controlId = `${id}-control`;
  const descriptionId = description ? `${id}-description` : undefined;
  const constraintId = constraint ? `${id}-constraint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, constraintId, errorId].filter(Boolean).join(" ") || undefined;
  const aria = { "aria-invalid": error ? (true as const) : undefined, "aria-describedby": describedBy };
  const control =
    typeof children === "function"
      ? children({ id: controlId, ...aria })
      : isValidElement(children)
        ? cloneElement(children, { id: (children.props.id as string | undefined) ?? controlId, ...aria })
        : children;
  const labelFor = (typeof children !== "function" && isValidElement(children) && (children.props.id as string | undefined)) || controlId;
  return (
    <div
      className={cn("flex flex-col gap-1", className)}
      role={asGroup ? "group" : undefined}
      aria-labelledby={asGroup ? `${id}-label` : undefined}
    >
      {asGroup ? (
        <span id={`${id}-label`} className="text-sm leading-5 font-bold">
          {label}
        </span>
      ) : (
        <Label htmlFor={labelFor}>{label}</Label>
      )}
      {description ? (
        <p id={descriptionId} className="-mt-0.5 text-xs text-muted-foreground">
          {description}
        </p>
      ) : null}
      <div className="mt-0.5">{control}</div>
      {constraint ? (
        <p id={constraintId} className="text-xs text-muted-foreground">
          {constraint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="flex items-start gap-1.5 text-xs font-bold text-destructive" data-testid="field-error">
          <XOctagon className="mt-px size-3.5 shrink-0" aria-hidden />
          {error}
        </p>
      ) : null}
    </div>
  );
}
