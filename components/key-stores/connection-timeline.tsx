import { History } from "lucide-react";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { LocalTime } from "@/components/shell/local-time.tsx";
import type { StatusChange } from "@/lib/schemas/key-stores.ts";
import { cn } from "@/lib/utils.ts";

const SUBJECT: Record<StatusChange["subjectType"], string> = { KEY_STORE: "Key store", CLUSTER: "Cluster", HSM: "HSM" };

function describe(c: StatusChange): string {
  if (c.fromState === null) return c.subjectType === "KEY_STORE" ? `first seen ${c.toState}` : `appeared (${c.toState})`;
  if (c.toState === "DELETED") return c.subjectType === "HSM" ? `removed (was ${c.fromState})` : `deleted (was ${c.fromState})`;
  return `${c.fromState} → ${c.toState}`;
}

/** The connection-history timeline: every state change of the store, its cluster and its HSMs, newest first. */
export function ConnectionTimeline({ history }: { history: StatusChange[] }) {
  if (history.length === 0) {
    return (
      <EmptyState
        icon={History}
        title="No changes recorded yet"
        description="Every connection state change and HSM change the console sees appears here."
      />
    );
  }
  return (
    <ol className="flex flex-col" data-testid="connection-timeline">
      {history.map((c) => (
        <li
          key={c.id}
          className="relative flex gap-3 border-l-2 border-border py-1.5 pl-4"
          data-testid="timeline-entry"
          data-subject={c.subjectType}
        >
          <span
            className={cn(
              "absolute top-3 -left-[5px] size-2 rounded-full",
              c.toState === "FAILED" || c.toState === "DELETED"
                ? "bg-destructive"
                : c.toState === "CONNECTED" || c.toState === "ACTIVE"
                  ? "bg-success"
                  : "bg-muted-foreground",
            )}
            aria-hidden
          />
          <span className="w-44 shrink-0 text-xs whitespace-nowrap text-muted-foreground">
            <LocalTime iso={c.at} />
          </span>
          <span className="min-w-0 text-sm">
            <span className="font-bold">{SUBJECT[c.subjectType]}</span>{" "}
            <span className="font-mono text-xs [overflow-wrap:anywhere]">{c.subjectId}</span> {describe(c)}
            {c.errorCode ? <span className="ml-1 font-mono text-xs [overflow-wrap:anywhere] text-destructive">{c.errorCode}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
