import { Search } from "lucide-react";
import type { ReactNode } from "react";

export type TableCardHeaderProps = {
  title: string;
  /** Shown after the title; omitted when not known. */
  count?: number;
  description?: ReactNode;
  actions?: ReactNode;
  filterPlaceholder: string;
  /** The text filter's value and setter; without them the filter is shown disabled (a placeholder table). */
  filter?: { value: string; onChange: (value: string) => void };
  /** The rest of the filter row: more filters, pagination. */
  children?: ReactNode;
};

/** The top of a table card: title with count, description and actions, then the text filter row. */
export function TableCardHeader({ title, count, description, actions, filterPlaceholder, filter, children }: TableCardHeaderProps) {
  return (
    <>
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
        <label className="relative min-w-52 flex-1 sm:max-w-md">
          <span className="sr-only">{filterPlaceholder}</span>
          <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <input
            type="search"
            value={filter?.value}
            onChange={filter ? (e) => filter.onChange(e.target.value) : undefined}
            disabled={!filter}
            placeholder={filterPlaceholder}
            className="h-8 w-full rounded-md border border-input bg-card pr-2.5 pl-8 text-sm placeholder:text-muted-foreground/80 placeholder:italic focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring disabled:cursor-not-allowed disabled:border-border disabled:bg-muted/60"
          />
        </label>
        {children}
      </div>
    </>
  );
}
