"use client";

import * as Menu from "@radix-ui/react-dropdown-menu";
import type { ComponentProps, HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/utils.ts";

// A menu button on Radix (the WAI-ARIA menu-button pattern, maintained): Enter, Space or ArrowDown
// opens it, arrows/Home/End move, typing a letter jumps to the matching item, Escape closes it and
// returns focus to the trigger. The content is portalled and flips to stay on screen, so a table's
// scroll box never clips it.

export function DropdownMenu({ children }: { children: ReactNode }) {
  return <Menu.Root modal={false}>{children}</Menu.Root>;
}

export function DropdownMenuTrigger({ className, ...props }: ComponentProps<"button">) {
  return (
    <Menu.Trigger asChild>
      <button type="button" className={className} {...props} />
    </Menu.Trigger>
  );
}

export function DropdownMenuContent({
  className,
  align = "end",
  ...props
}: ComponentProps<typeof Menu.Content> & { align?: "start" | "end" }) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={6}
        collisionPadding={8}
        className={cn(
          "z-50 max-h-[var(--radix-dropdown-menu-content-available-height)] max-w-[calc(100vw-1rem)] min-w-56 overflow-y-auto rounded-lg border border-border bg-card py-1 text-foreground shadow-popover outline-none",
          className,
        )}
        {...props}
      />
    </Menu.Portal>
  );
}

export function DropdownMenuItem({
  className,
  onSelect,
  disabled,
  children,
  ...props
}: Omit<ComponentProps<typeof Menu.Item>, "onSelect"> & { onSelect?: () => void; disabled?: boolean }) {
  return (
    <Menu.Item
      disabled={disabled}
      // After the menu has closed and given focus back to its trigger, so a dialog the item opens keeps its own focus.
      onSelect={() => onSelect && setTimeout(onSelect, 0)}
      className={cn(
        "flex cursor-pointer items-center gap-2 px-3.5 py-2 text-sm outline-none select-none [&_svg]:size-4 [&_svg]:shrink-0 [&_svg]:text-muted-foreground",
        "hover:bg-muted data-[disabled]:cursor-not-allowed data-[disabled]:opacity-60 data-[highlighted]:bg-selected data-[highlighted]:text-link",
        className,
      )}
      {...props}
    >
      {children}
    </Menu.Item>
  );
}

export function DropdownMenuLabel({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <Menu.Label className={cn("px-3.5 py-2", className)} {...props} />;
}

export function DropdownMenuSeparator({ className }: { className?: string }) {
  return <Menu.Separator className={cn("my-1 h-px bg-border", className)} />;
}
