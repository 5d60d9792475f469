"use client";

import { Tooltip } from "@/components/ui/tooltip.tsx";
import { type DateFormat, type DisplayZone, formatDate } from "@/lib/console/format.ts";
import { useHydrated } from "@/lib/console/use-hydrated.ts";
import { cn } from "@/lib/utils.ts";

/** "Dec 5, 2026," and "20:15 UTC": the parts that may go on separate lines. */
const splitDateTime = (text: string) => {
  const i = text.lastIndexOf(", ");
  return i < 0 ? [text] : [text.slice(0, i + 1), text.slice(i + 2)];
};

/** The zone dates are shown in: UTC on the server and while hydrating, the browser's own after. */
export function useDisplayZone(): DisplayZone {
  return useHydrated() ? "local" : "UTC";
}

/**
 * A timestamp in the reader's time zone. The server renders it in UTC (the browser's first render
 * matches, so hydration never fails in another zone) and the browser switches to its own zone after
 * mount. The full date and time, with the zone, is the tooltip (reached by keyboard focus too) and what
 * a screen reader reads.
 */
export function LocalTime({
  iso,
  format = "long",
  className,
  empty = "—",
  wrapTime = false,
}: {
  iso: string | null | undefined;
  format?: Exclude<DateFormat, "full">;
  className?: string;
  /** Shown when there is no date. */
  empty?: string;
  /** Date and time may go on two lines (neither breaks inside); otherwise the whole stays on one. */
  wrapTime?: boolean;
}) {
  const zone = useDisplayZone();
  if (!iso || Number.isNaN(new Date(iso).getTime())) return <span className={className}>{empty}</span>;
  const shown = formatDate(iso, format, zone);
  const full = formatDate(iso, "full", zone);
  return (
    <Tooltip content={full}>
      <time dateTime={iso} tabIndex={0} className={cn("rounded-sm", className)} data-zone={zone}>
        <span aria-hidden className={wrapTime ? undefined : "whitespace-nowrap"}>
          {wrapTime
            ? splitDateTime(shown).map((part, i) => (
                <span key={i} className="whitespace-nowrap">
                  {i ? " " : ""}
                  {part}
                </span>
              ))
            : shown}
        </span>
        <span className="sr-only">{full}</span>
      </time>
    </Tooltip>
  );
}
