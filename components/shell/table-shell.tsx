import { ChevronLeft, ChevronRight, Search, Settings } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card.tsx";

export type TableShellProps = {
  title: string;
  /** Omitted when the total is not known. */
  count?: number;
  description?: ReactNode;
  actions?: ReactNode;
  filterPlaceholder: string;
  columns: string[];
  /** Shown across the whole table body when there are no rows. */
  empty: ReactNode;
  children?: ReactNode;
};

/**
 * The console's table container (header with count and actions, filter, pagination, preferences,
 * column headers). With no rows it spans `empty` across the body.
 */
export function TableShell({ title, count, description, actions, filterPlaceholder, columns, empty, children }: TableShellProps) {
  return (
    <Card className="overflow-hidden">
      <div className="flex flex-wrap items-start justify-between gap-3 px-5 pt-4 pb-3">
        <div className="min-w-0">
          <h2 className="text-lg leading-6 font-bold">
            {title}
            {count === undefined ? null : <span className="font-normal text-muted-foreground"> ({count})</span>}
          </h2>
          {description ? <p className="mt-0.5 text-sm text-muted-foreground">{description}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      <div className="flex flex-wrap items-center gap-3 px-5 pb-3">
        <label className="relative min-w-60 flex-1 sm:max-w-md">
          <span className="sr-only">{filterPlaceholder}</span>
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <input
            type="search"
            disabled
            placeholder={filterPlaceholder}
            className="h-8 w-full rounded-md border border-input bg-card pr-2.5 pl-8 text-sm placeholder:text-muted-foreground/80 placeholder:italic disabled:cursor-not-allowed disabled:border-border disabled:bg-muted/60"
          />
        </label>
        <div className="ml-auto flex items-center gap-1 text-muted-foreground/70" aria-hidden>
          <ChevronLeft className="size-4" />
          <span className="flex size-6 items-center justify-center rounded text-sm font-bold">1</span>
          <ChevronRight className="size-4" />
          <span className="mx-2 h-5 w-px bg-border" />
          <Settings className="size-4" />
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-y border-border bg-muted/60">
              {columns.map((c) => (
                <th key={c} scope="col" className="px-5 py-2.5 text-xs font-bold whitespace-nowrap text-muted-foreground">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {children ?? (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
