"use client";

import * as TabsPrimitive from "@radix-ui/react-tabs";
import type { ReactNode } from "react";
import { cn } from "@/lib/utils.ts";

export type TabItem<K extends string> = { key: K; label: ReactNode; content?: ReactNode };

/**
 * WAI-ARIA tabs (Radix): arrow keys, Home and End move between tabs and select them; only the selected
 * tab is in the tab order. The one tab list of the console: the key page's tabs (content per item) and
 * the key stores page's store types (`onChange` navigates; the current page is the panel, `children`).
 */
export function Tabs<K extends string>({
  items,
  value,
  onChange,
  label,
  children,
}: {
  items: TabItem<K>[];
  value: K;
  onChange: (key: K) => void;
  label: string;
  /** The panel of the selected tab, when the items carry no content (the tabs switch pages). */
  children?: ReactNode;
}) {
  const current = items.find((t) => t.key === value) ?? items[0]!;
  return (
    <TabsPrimitive.Root value={current.key} onValueChange={(v) => onChange(v as K)} activationMode="automatic">
      <TabsPrimitive.List aria-label={label} className="relative flex gap-1 overflow-x-auto border-b border-border">
        {items.map((t) => (
          <TabsPrimitive.Trigger
            key={t.key}
            value={t.key}
            className={cn(
              "-mb-px shrink-0 cursor-pointer border-b-[3px] px-4 py-2.5 text-sm font-bold whitespace-nowrap transition-colors",
              "border-transparent text-muted-foreground hover:text-link data-[state=active]:border-link data-[state=active]:text-link",
            )}
          >
            {t.label}
          </TabsPrimitive.Trigger>
        ))}
      </TabsPrimitive.List>
      <TabsPrimitive.Content value={current.key} className="pt-4 outline-none">
        {current.content ?? children}
      </TabsPrimitive.Content>
    </TabsPrimitive.Root>
  );
}
