"use client";

import { ChevronDown, CircleCheck, CircleMinus } from "lucide-react";
import { buttonVariants } from "@/components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu.tsx";
import { UNAVAILABLE_NOTE } from "@/lib/console/key-actions.ts";

/** Enable / Disable of an Unavailable key: the state it takes once its store is connected again. */
export function UnavailableStateMenu({ disabled, onChoose }: { disabled: boolean; onChoose: (action: "enable" | "disable") => void }) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger className={buttonVariants({ variant: "normal" })} disabled={disabled} data-testid="key-state-on-reconnect">
        State after reconnection
        <ChevronDown aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-80">
        <DropdownMenuLabel className="text-xs text-muted-foreground">{UNAVAILABLE_NOTE}</DropdownMenuLabel>
        <DropdownMenuItem onSelect={() => onChoose("enable")} data-testid="key-enable">
          <CircleCheck aria-hidden />
          Enable when reconnected
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => onChoose("disable")} data-testid="key-disable">
          <CircleMinus aria-hidden />
          Disable when reconnected
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
