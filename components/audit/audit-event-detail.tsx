"use client";

import { LocalTime } from "@/components/shell/local-time.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import type { AuditEvent } from "@/lib/schemas/audit.ts";
import { AuditResourceLink } from "./audit-resource-link.tsx";

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div className="flex flex-col gap-1">
      <span className="text-sm font-bold">{label}</span>
      <pre
        className="max-h-64 max-w-full overflow-auto rounded border border-border bg-muted p-2 font-mono text-xs"
        data-testid={`detail-${label}`}
      >
        {value === null || value === undefined ? "null" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** One event in full: who, from where, the request parameters (redacted when recorded) and the result. */
export function AuditEventDetail({ event, onClose }: { event: AuditEvent; onClose: () => void }) {
  const rows: [string, React.ReactNode][] = [
    ["Event time", <LocalTime key="t" iso={event.eventTime} />],
    ["Event source", event.eventSource],
    ["User", event.userName ?? (event.aggregated ? "Unauthenticated callers" : "—")],
    ["Principal", event.principalArn ?? "—"],
    ["Access key ID", event.accessKeyId ?? "—"],
    ["Source IP", event.sourceIp ?? "—"],
    ["User agent", event.userAgent ?? "—"],
    ["Request ID", event.requestId],
    ["Event ID", event.eventId],
    ["Error", event.errorCode ? `${event.errorCode}${event.errorMessage ? `: ${event.errorMessage}` : ""}` : "None"],
  ];
  return (
    <Dialog
      open
      onClose={onClose}
      title={
        <span className="flex flex-wrap items-center gap-2">
          {event.eventName}
          {event.system ? <Badge tone="info">System</Badge> : null}
          {event.aggregated ? <Badge tone="warning">Aggregated</Badge> : null}
        </span>
      }
      className="max-w-2xl"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      <div className="flex flex-col gap-4" data-testid="audit-event-detail">
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="break-all">{v}</dd>
            </div>
          ))}
          <dt className="text-muted-foreground">Resources</dt>
          <dd className="flex flex-col gap-0.5">
            {event.resources.length ? event.resources.map((r) => <AuditResourceLink key={r} resource={r} />) : "—"}
          </dd>
        </dl>
        <Json label="requestParameters" value={event.requestParameters} />
        <Json label="responseElements" value={event.responseElements} />
        <p className="text-xs text-muted-foreground">
          Secrets and plaintext are redacted before an event is recorded. As in CloudTrail, response elements are recorded for calls that
          change something and are empty for reads and cryptographic operations.
        </p>
      </div>
    </Dialog>
  );
}
