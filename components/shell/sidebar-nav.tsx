"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils.ts";
import { isActive, navItems } from "./nav-items.ts";

/** The left navigation (wide screens) — the active section is marked for sight and for screen readers. */
export function SidebarNav({ localXksProxy }: { localXksProxy?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console" className="px-3 py-4">
      <p className="px-3 pb-3 text-base leading-6 font-bold">
        <Link href="/key-stores" className="hover:text-link">
          Custom key stores
        </Link>
      </p>
      <ul className="flex flex-col gap-0.5">
        {navItems({ localXksProxy }).map(({ href, label, icon: Icon }) => {
          const active = isActive(pathname, href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "group relative flex items-center gap-3 rounded-md px-3 py-2 text-sm transition-colors",
                  active ? "bg-selected font-bold text-link" : "text-foreground hover:bg-muted hover:text-link",
                )}
              >
                <span
                  aria-hidden
                  className={cn("absolute inset-y-1.5 left-0 w-[3px] rounded-full", active ? "bg-link" : "bg-transparent")}
                />
                <Icon className={cn("size-4 shrink-0", active ? "text-link" : "text-muted-foreground group-hover:text-link")} aria-hidden />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The same sections as a tab strip, for narrow screens where the sidebar is hidden. */
export function CompactNav({ localXksProxy }: { localXksProxy?: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Console sections" className="relative flex gap-1 overflow-x-auto border-b border-border bg-card px-3 lg:hidden">
      {navItems({ localXksProxy }).map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex shrink-0 items-center gap-2 border-b-[3px] px-3 py-2.5 text-sm",
              active ? "border-link font-bold text-link" : "border-transparent text-foreground hover:text-link",
            )}
          >
            <Icon className="size-4" aria-hidden />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
