import { ChevronLeft, ChevronRight, Settings } from "lucide-react";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card.tsx";
import { TableCardHeader } from "./table-card-header.tsx";

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
      <TableCardHeader title={title} count={count} description={description} actions={actions} filterPlaceholder={filterPlaceholder}>
        <div className="ml-auto flex items-center gap-1 text-muted-foreground/70" aria-hidden>
          <ChevronLeft className="size-4" />
          <span className="flex size-6 items-center justify-center rounded text-sm font-bold">1</span>
          <ChevronRight className="size-4" />
          <span className="mx-2 h-5 w-px bg-border" />
          <Settings className="size-4" />
        </div>
      </TableCardHeader>
      <div className="relative overflow-x-auto">
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
