"use client";

import { LocalTime } from "@/components/shell/local-time.tsx";
import { CalendarClock, ChevronLeft, ChevronRight, Download, ScrollText } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Button, buttonVariants } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { useUrlParams } from "@/lib/console/use-url-params.ts";
import { auditQueryString, useAuditEvents } from "@/lib/queries/audit.ts";
import { useMe } from "@/lib/queries/me.ts";
import { useSettings } from "@/lib/queries/settings.ts";
import { AUDIT_FILTER_KEYS, ZAuditFilters, type AuditEvent, type AuditFilters } from "@/lib/schemas/audit.ts";
import { AuditEventDetail } from "./audit-event-detail.tsx";
import { AuditRetentionDialog } from "./audit-retention-dialog.tsx";
import { AuditFiltersForm } from "./audit-filters-form.tsx";
import { AuditResourceLink } from "./audit-resource-link.tsx";

function EventRow({ e, onOpen }: { e: AuditEvent; onOpen: () => void }) {
  return (
    <tr className="border-t border-border align-top" data-testid="audit-row">
      <td className="px-3 py-2 whitespace-nowrap">
        <LocalTime iso={e.eventTime} format="short" />
      </td>
      <td className="px-3 py-2">
        <button type="button" className="cursor-pointer text-left font-bold text-link underline" onClick={onOpen}>
          {e.eventName}
        </button>
        <span className="mt-0.5 flex flex-wrap gap-1">
          {e.system ? <Badge tone="info">System</Badge> : null}
          {e.aggregated ? <Badge tone="warning">Aggregated</Badge> : null}
        </span>
      </td>
      <td className="px-3 py-2 break-all">
        {e.userName ?? <span className="text-muted-foreground">{e.aggregated ? "Unauthenticated" : "—"}</span>}
        {e.accessKeyId ? <span className="block font-mono text-xs text-muted-foreground">{e.accessKeyId}</span> : null}
      </td>
      <td className="px-3 py-2 font-mono text-xs">{e.sourceIp ?? "—"}</td>
      <td className="px-3 py-2">
        <span className="flex flex-col gap-0.5">
          {e.resources.length ? e.resources.map((r) => <AuditResourceLink key={r} resource={r} />) : "—"}
        </span>
      </td>
      <td className="px-3 py-2 font-mono text-xs break-all">{e.errorCode ?? ""}</td>
    </tr>
  );
}

/** The audit log: server-side filters and paging in the URL, event details, CloudTrail JSON-lines export. */
export function AuditView() {
  const url = useUrlParams();
  const filters = ZAuditFilters.parse(Object.fromEntries([...AUDIT_FILTER_KEYS, "page", "size"].map((k) => [k, url.get(k)])));
  const { data, error, refetch, isFetching } = useAuditEvents(filters);
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const [editingRetention, setEditingRetention] = useState(false);
  const { data: me } = useMe();
  const { data: settings } = useSettings();
  const apply = (f: Partial<AuditFilters>) => url.set({ ...f, page: undefined });
  // The export takes every filter but the paging: it holds all matching events.
  const exportFilters: Partial<AuditFilters> = { ...filters, page: undefined, size: undefined };
  const pages = data ? Math.max(1, Math.ceil(data.total / data.size)) : 1;
  const page = filters.page ?? 1;

  return (
    <Card data-testid="audit-events" aria-busy={isFetching || undefined}>
      <div className="flex flex-wrap items-start justify-between gap-3 px-5 pt-4 pb-3">
        <div className="min-w-0">
          <h2 className="text-lg leading-6 font-bold">
            Events {data ? <span className="font-normal text-muted-foreground">({data.total})</span> : null}
          </h2>
          <p className="mt-0.5 text-sm text-muted-foreground" data-testid="audit-retention">
            {data ? `Kept for ${data.retentionDays} days; older events are deleted in the background.` : "\u00a0"}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={filters.system === "show"}
              onChange={(e) => url.set({ system: e.target.checked ? "show" : undefined, page: undefined })}
            />
            Show the status poller&apos;s reads
          </label>
          <GuardedButton
            rule={me?.role === "admin" ? { allowed: true } : { allowed: false, reason: "Only administrators can change the retention." }}
            disabled={!settings}
            onClick={() => setEditingRetention(true)}
          >
            <CalendarClock aria-hidden />
            Retention
          </GuardedButton>
          <a
            className={buttonVariants({ variant: "normal" })}
            href={`/api/audit/export?${auditQueryString(exportFilters as AuditFilters)}`}
            download
            data-testid="audit-export"
          >
            <Download aria-hidden />
            Export (CloudTrail JSON lines)
          </a>
        </div>
      </div>
      <AuditFiltersForm key={JSON.stringify(exportFilters)} filters={filters} onApply={apply} />
      {error ? (
        <ErrorPanel error={error} title="The events could not be loaded" onRetry={() => void refetch()} />
      ) : !data ? (
        <div className="flex flex-col gap-2 px-5 pb-5">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </div>
      ) : data.events.length === 0 ? (
        <EmptyState icon={ScrollText} title="No events match" description="Change or clear the filters, or widen the time range." />
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[56rem] text-sm">
            <thead className="bg-muted text-left text-xs text-muted-foreground">
              <tr>
                {["Event time", "Event name", "User", "Source IP", "Resources", "Error code"].map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-bold">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.events.map((e) => (
                <EventRow key={e.eventId} e={e} onOpen={() => setOpen(e)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > data.size ? (
        <nav aria-label="Event pages" className="flex items-center justify-end gap-1 px-5 py-3 text-sm">
          <Button
            size="icon"
            variant="ghost"
            aria-label="Previous page"
            disabled={page <= 1}
            onClick={() => url.set({ page: page - 1 > 1 ? page - 1 : undefined })}
          >
            <ChevronLeft className="size-4" aria-hidden />
          </Button>
          <span>
            <span className="font-bold">{page}</span> / {pages}
          </span>
          <Button size="icon" variant="ghost" aria-label="Next page" disabled={page >= pages} onClick={() => url.set({ page: page + 1 })}>
            <ChevronRight className="size-4" aria-hidden />
          </Button>
        </nav>
      ) : null}
      {open ? <AuditEventDetail event={open} onClose={() => setOpen(null)} /> : null}
      {editingRetention && settings ? (
        <AuditRetentionDialog
          days={settings.auditRetentionDays}
          defaultDays={settings.auditRetentionDefaultDays}
          onClose={() => setEditingRetention(false)}
        />
      ) : null}
    </Card>
  );
}
