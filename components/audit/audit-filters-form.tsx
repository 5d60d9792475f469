"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Select } from "@/components/ui/select.tsx";
import type { AuditFilters } from "@/lib/schemas/audit.ts";

type Draft = Record<"from" | "to" | "user" | "event" | "key" | "store" | "error", string>;

/** datetime-local values are local time without a zone; the URL keeps ISO instants. */
const toLocal = (iso?: string) => {
  if (!iso) return "";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "" : new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

function draftOf(f: Partial<AuditFilters>): Draft {
  return {
    from: toLocal(f.from),
    to: toLocal(f.to),
    user: f.user ?? "",
    event: f.event ?? "",
    key: f.key ?? "",
    store: f.store ?? "",
    error: f.error ?? "",
  };
}

function TextFilter({
  label,
  value,
  onChange,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
}) {
  return (
    <label className="flex min-w-0 flex-col gap-1 text-xs font-bold">
      {label}
      <Input className="h-8 text-sm font-normal" value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

/** The audit page's server-side filters; Apply writes them to the URL (so a filtered view can be linked). */
export function AuditFiltersForm({ filters, onApply }: { filters: AuditFilters; onApply: (f: Partial<AuditFilters>) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(filters));
  const set = (k: keyof Draft) => (v: string) => setDraft({ ...draft, [k]: v });
  const knownError = ["", "any", "none"].includes(draft.error);
  return (
    <form
      className="grid grid-cols-1 gap-3 px-5 pb-4 sm:grid-cols-2 lg:grid-cols-4"
      aria-label="Filter events"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({
          from: toIso(draft.from),
          to: toIso(draft.to),
          user: draft.user.trim() || undefined,
          event: draft.event.trim() || undefined,
          key: draft.key.trim() || undefined,
          store: draft.store.trim() || undefined,
          error: draft.error.trim() || undefined,
        });
      }}
    >
      <label className="flex flex-col gap-1 text-xs font-bold">
        From
        <Input type="datetime-local" className="h-8 text-sm font-normal" value={draft.from} onChange={(e) => set("from")(e.target.value)} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-bold">
        To
        <Input type="datetime-local" className="h-8 text-sm font-normal" value={draft.to} onChange={(e) => set("to")(e.target.value)} />
      </label>
      <TextFilter label="User name" value={draft.user} onChange={set("user")} placeholder="e.g. alice" />
      <TextFilter label="Event name" value={draft.event} onChange={set("event")} placeholder="e.g. Encrypt" />
      <TextFilter label="Key ID or ARN" value={draft.key} onChange={set("key")} />
      <TextFilter label="Key store ID" value={draft.store} onChange={set("store")} placeholder="cks-…" />
      <label className="flex flex-col gap-1 text-xs font-bold">
        Error
        <Select
          className="h-8 text-sm font-normal"
          value={knownError ? draft.error : "code"}
          onChange={(e) => set("error")(e.target.value === "code" ? "" : e.target.value)}
        >
          <option value="">Any outcome</option>
          <option value="any">Failed only</option>
          <option value="none">Succeeded only</option>
          {!knownError ? <option value="code">Error code: {draft.error}</option> : null}
        </Select>
      </label>
      <div className="flex items-end gap-2">
        <Button type="submit" variant="primary" size="sm">
          Apply filters
        </Button>
        <Button
          size="sm"
          variant="link"
          onClick={() => {
            setDraft(draftOf({}));
            onApply({
              from: undefined,
              to: undefined,
              user: undefined,
              event: undefined,
              key: undefined,
              store: undefined,
              error: undefined,
              accessKeyId: undefined,
            });
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
