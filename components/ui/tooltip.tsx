"use client";

import * as TooltipPrimitive from "@radix-ui/react-tooltip";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils.ts";

// Radix tooltip: opens on hover and on keyboard focus, Escape closes it, the content is the trigger's
// accessible description while open. One provider in the tree (components/providers.tsx).

export const TooltipProvider = TooltipPrimitive.Provider;

/** A short explanation for the element it wraps (which must be focusable: a button, a link, a `tabIndex={0}` span). */
export function Tooltip({
  content,
  children,
  side = "top",
  className,
}: {
  content: ReactNode;
  children: ReactNode;
  side?: "top" | "bottom" | "left" | "right";
  className?: string;
}) {
  if (!content) return <>{children}</>;
  return (
    <TooltipPrimitive.Root>
      <TooltipPrimitive.Trigger asChild>{children}</TooltipPrimitive.Trigger>
      <TooltipPrimitive.Portal>
        <TooltipPrimitive.Content
          side={side}
          sideOffset={6}
          collisionPadding={8}
          className={cn(
            "z-[60] max-w-xs rounded-md bg-header px-3 py-2 text-xs leading-relaxed text-header-foreground shadow-popover",
            className,
          )}
        >
          {content}
          <TooltipPrimitive.Arrow className="fill-header" />
        </TooltipPrimitive.Content>
      </TooltipPrimitive.Portal>
    </TooltipPrimitive.Root>
  );
}
