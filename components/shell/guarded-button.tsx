"use client";

import { useId } from "react";
import { Button, type ButtonProps } from "@/components/ui/button.tsx";
import { Tooltip } from "@/components/ui/tooltip.tsx";
import type { ActionRule } from "@/lib/console/key-store-actions.ts";

/**
 * A button an action rule may refuse. A refused button stays focusable (`aria-disabled`, clicks ignored)
 * so that a keyboard reaches the reason: a tooltip on hover and focus, and its accessible description.
 * `note` explains an allowed action the same way (e.g. Enable on an Unavailable key).
 */
export function GuardedButton({ rule, disabled, note, onClick, ...props }: ButtonProps & { rule: ActionRule; note?: string }) {
  const id = useId();
  const refused = !rule.allowed || !!disabled;
  const reason = !rule.allowed ? rule.reason : note;
  return (
    <>
      <Tooltip content={reason}>
        <Button
          {...props}
          aria-disabled={refused || undefined}
          aria-describedby={reason ? `${id}-why` : undefined}
          data-disabled={refused || undefined}
          onClick={refused ? (e) => e.preventDefault() : onClick}
        />
      </Tooltip>
      {/* Outside the button: the reason describes it, it is not part of its name. */}
      {reason ? (
        <span id={`${id}-why`} className="sr-only">
          {reason}
        </span>
      ) : null}
    </>
  );
}
