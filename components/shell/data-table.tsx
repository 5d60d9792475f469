"use client";

import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { useMemo, type ReactNode } from "react";
import { Card } from "@/components/ui/card.tsx";
import { Select } from "@/components/ui/select.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { useUrlParams } from "@/lib/console/use-url-params.ts";
import { PageButtons } from "./page-buttons.tsx";
import { TableCardHeader } from "./table-card-header.tsx";
import { cn } from "@/lib/utils.ts";

export type Column<T> = {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Makes the column sortable by this value. */
  sortValue?: (row: T) => string | number;
  className?: string;
  /**
   * Keeps the column in view while the table scrolls sideways in its card: "start" for the row's name,
   * "end" for its actions.
   */
  sticky?: "start" | "end";
};

const stickyClass = (sticky: Column<unknown>["sticky"], head = false) =>
  sticky === "start"
    ? cn("sticky left-0 z-10 shadow-[inset_-1px_0_0_var(--color-border)]", head ? "bg-muted" : "bg-card")
    : sticky === "end"
      ? cn("sticky right-0 z-10 shadow-[inset_1px_0_0_var(--color-border)]", head ? "bg-muted" : "bg-card")
      : undefined;

export type DataTableProps<T> = {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  columns: Column<T>[];
  /** Undefined while loading. */
  rows: T[] | undefined;
  rowKey: (row: T) => string;
  /** Text the free-text filter matches against. */
  filterText: (row: T) => string;
  filterPlaceholder: string;
  /** More filters (selects), shown beside the text filter. */
  filters?: ReactNode;
  /** Shown when there are no rows at all. */
  empty: ReactNode;
  /** Shown instead of the body when the list could not be loaded. */
  error?: ReactNode;
  defaultSort?: { key: string; dir: "asc" | "desc" };
  /** Total count before filtering, for the heading; defaults to rows.length. */
  total?: number;
  /**
   * The server filters, sorts and pages (from the same URL params): `rows` is the page to show as it
   * is, `total` the count matching the filters, `filtered` whether any filter is set.
   */
  server?: { filtered: boolean };
  testId?: string;
};

const PAGE_SIZES = [10, 25, 50];

/** The console's list table: text filter, sort and pagination, all kept in the URL (q, sort, dir, page, size). */
export function DataTable<T>({
  title,
  description,
  actions,
  columns,
  rows,
  rowKey,
  filterText,
  filterPlaceholder,
  filters,
  empty,
  error,
  defaultSort,
  total,
  server,
  testId,
}: DataTableProps<T>) {
  const url = useUrlParams();
  const q = url.get("q") ?? "";
  const sortKey = url.get("sort") ?? defaultSort?.key;
  const dir = (url.get("dir") ?? defaultSort?.dir ?? "asc") === "desc" ? "desc" : "asc";
  const size = PAGE_SIZES.includes(Number(url.get("size"))) ? Number(url.get("size")) : 10;

  const filtered = useMemo(() => {
    if (!rows || server) return rows;
    const needle = q.trim().toLowerCase();
    const list = needle ? rows.filter((r) => filterText(r).toLowerCase().includes(needle)) : [...rows];
    const col = columns.find((c) => c.key === sortKey && c.sortValue);
    if (col?.sortValue) {
      const sv = col.sortValue;
      list.sort((a, b) => {
        const x = sv(a);
        const y = sv(b);
        const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
        return dir === "desc" ? -c : c;
      });
    }
    return list;
  }, [rows, server, q, sortKey, dir, columns, filterText]);

  const count = total ?? rows?.length;
  const pages = Math.max(1, Math.ceil(((server ? count : filtered?.length) ?? 0) / size));
  const page = Math.min(Math.max(1, Number(url.get("page")) || 1), pages);
  const visible = server ? filtered : filtered?.slice((page - 1) * size, page * size);
  // With server-side filtering the total counts the matches: "no keys yet" only when nothing is filtered.
  const noneAtAll = count === 0 && !server?.filtered;

  const toggleSort = (key: string) => {
    if (sortKey === key) url.set({ sort: key, dir: dir === "asc" ? "desc" : "asc", page: undefined });
    else url.set({ sort: key, dir: "asc", page: undefined });
  };

  return (
    <Card data-testid={testId}>
      <TableCardHeader
        title={title}
        count={count}
        description={description}
        actions={actions}
        filterPlaceholder={filterPlaceholder}
        filter={{ value: q, onChange: (value) => url.set({ q: value, page: undefined }) }}
      >
        {filters}
        <nav aria-label={`${title} pages`} className="ml-auto flex items-center gap-1">
          <PageButtons page={page} pages={pages} onPage={(p) => url.set({ page: p > 1 ? p : undefined })} />
          <span className="mx-2 h-5 w-px bg-border" aria-hidden />
          <label className="flex items-center gap-1.5 text-xs text-muted-foreground">
            Rows
            <Select
              className="h-7 w-16"
              value={size}
              onChange={(e) => url.set({ size: e.target.value === "10" ? undefined : e.target.value, page: undefined })}
            >
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </Select>
          </label>
        </nav>
      </TableCardHeader>
      {/* Scrolls inside the card when the columns do not fit (name and actions stay in view); row menus are portalled. */}
      <div className="relative overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-y border-border bg-muted">
              {columns.map((c) => {
                const sorted = sortKey === c.key;
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={sorted ? (dir === "asc" ? "ascending" : "descending") : undefined}
                    className={cn(
                      "px-2.5 py-2.5 text-xs font-bold whitespace-nowrap text-muted-foreground first:pl-5 last:pr-5",
                      stickyClass(c.sticky, true),
                      c.className,
                    )}
                  >
                    {c.sortValue ? (
                      <button
                        type="button"
                        className="inline-flex cursor-pointer items-center gap-1 hover:text-foreground"
                        onClick={() => toggleSort(c.key)}
                      >
                        {c.header}
                        {sorted ? (
                          dir === "asc" ? (
                            <ArrowUp className="size-3.5" aria-hidden />
                          ) : (
                            <ArrowDown className="size-3.5" aria-hidden />
                          )
                        ) : (
                          <ArrowUpDown className="size-3.5 opacity-50" aria-hidden />
                        )}
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {error ? (
              <tr>
                <td colSpan={columns.length} className="p-5">
                  {error}
                </td>
              </tr>
            ) : !visible ? (
              Array.from({ length: 3 }, (_, i) => (
                <tr key={i} className="border-b border-border last:border-0" aria-hidden>
                  {columns.map((c) => (
                    <td key={c.key} className="px-5 py-3">
                      <Skeleton className="h-4 w-full max-w-40" />
                    </td>
                  ))}
                </tr>
              ))
            ) : noneAtAll ? (
              <tr>
                <td colSpan={columns.length}>{empty}</td>
              </tr>
            ) : visible.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-5 py-10 text-center text-muted-foreground">
                  No matches.{" "}
                  <button
                    type="button"
                    className="cursor-pointer font-bold text-link hover:underline"
                    onClick={() => url.set({ q: undefined, page: undefined, origin: undefined, store: undefined, state: undefined })}
                  >
                    Clear filters
                  </button>
                </td>
              </tr>
            ) : (
              visible.map((r) => (
                <tr key={rowKey(r)} className="border-b border-border last:border-0 hover:bg-muted/40" data-testid="table-row">
                  {columns.map((c) => (
                    <td key={c.key} className={cn("px-2.5 py-3 align-middle first:pl-5 last:pr-5", stickyClass(c.sticky), c.className)}>
                      {c.cell(r)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {!rows ? (
        <span className="sr-only" role="status">
          Loading…
        </span>
      ) : null}
    </Card>
  );
}
