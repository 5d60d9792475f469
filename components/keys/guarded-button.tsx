"use client";

import { Button, type ButtonProps } from "@/components/ui/button.tsx";
import type { ActionRule } from "@/lib/console/key-store-actions.ts";

/** A button an action rule may refuse: disabled, with the reason as its tooltip and accessible description. */
export function GuardedButton({ rule, disabled, ...props }: ButtonProps & { rule: ActionRule }) {
  return (
    <span title={rule.allowed ? undefined : rule.reason} className="inline-flex">
      <Button {...props} disabled={!rule.allowed || disabled} />
    </span>
  );
}
