"use client";

import { KeyRound, Plus } from "lucide-react";
import Link from "next/link";
import { DataTable, type Column } from "@/components/shell/data-table.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { buttonVariants } from "@/components/ui/button.tsx";
import { Select } from "@/components/ui/select.tsx";
import { formatDateShort, formatDateTime, originLabel } from "@/lib/console/format.ts";
import { useUrlParams } from "@/lib/console/use-url-params.ts";
import { useKeys } from "@/lib/queries/keys.ts";
import { ZKeyListQuery } from "@/lib/schemas/key-list.ts";
import { KEY_STATES, ORIGINS, type KeySummary } from "@/lib/schemas/keys.ts";
import { KeyCacheFreshness } from "./key-cache-freshness.tsx";
import { KEY_STATE_BADGES, KeyStateBadge } from "./key-state-badge.tsx";
import { KeyRowActions } from "./key-row-actions.tsx";

const columns: Column<KeySummary>[] = [
  {
    key: "alias",
    header: "Aliases",
    sortValue: (k) => k.aliases[0] ?? "~",
    sticky: "start",
    className: "min-w-32 max-w-56",
    cell: (k) =>
      k.aliases.length ? (
        <Link href={`/keys/${k.keyId}`} className="font-bold break-words text-link hover:underline">
          {k.aliases[0]}
          {k.aliases.length > 1 ? <span className="font-normal text-muted-foreground"> +{k.aliases.length - 1}</span> : null}
        </Link>
      ) : (
        // No alias: the key is named by its id (a link's text says where it goes).
        <Link href={`/keys/${k.keyId}`} className="font-mono text-xs break-all text-link hover:underline">
          {k.keyId}
        </Link>
      ),
  },
  {
    key: "id",
    header: "Key ID",
    sortValue: (k) => k.keyId,
    cell: (k) => (
      <Link href={`/keys/${k.keyId}`} className="font-mono text-xs whitespace-nowrap text-link hover:underline">
        {k.keyId}
      </Link>
    ),
  },
  { key: "state", header: "Status", sortValue: (k) => k.keyState, cell: (k) => <KeyStateBadge state={k.keyState} /> },
  {
    key: "origin",
    header: "Origin",
    sortValue: (k) => k.origin,
    cell: (k) => <span className="whitespace-nowrap">{originLabel(k.origin)}</span>,
  },
  {
    key: "store",
    header: "Custom key store",
    sortValue: (k) => k.customKeyStoreName ?? "~",
    cell: (k) =>
      k.customKeyStoreId ? (
        <span className="flex flex-col">
          <Link href={`/key-stores/${k.customKeyStoreId}`} className="text-link hover:underline">
            {k.customKeyStoreName || k.customKeyStoreId}
          </Link>
          <span className="font-mono text-[11px] whitespace-nowrap text-muted-foreground">{k.customKeyStoreId}</span>
        </span>
      ) : (
        <span className="text-muted-foreground">—</span>
      ),
  },
  { key: "spec", header: "Key spec", cell: (k) => <span className="font-mono text-xs">{k.keySpec}</span> },
  {
    key: "created",
    header: "Creation date",
    sortValue: (k) => k.creationDate,
    cell: (k) => (
      <span className="whitespace-nowrap" title={formatDateTime(k.creationDate)}>
        {formatDateShort(k.creationDate)}
      </span>
    ),
  },
  { key: "actions", header: "Actions", cell: (k) => <KeyRowActions keyInfo={k} />, className: "w-0", sticky: "end" },
];

/**
 * Customer managed keys from the console's key cache: the server filters (text, origin, custom key
 * store, state), sorts and pages, all from the URL; the previous page stays while the next loads.
 */
export function KeysTable() {
  const url = useUrlParams();
  const query = ZKeyListQuery.parse({
    q: url.get("q"),
    state: url.get("state"),
    origin: url.get("origin"),
    store: url.get("store"),
    sort: url.get("sort"),
    dir: url.get("dir"),
    page: url.get("page"),
    size: url.get("size"),
  });
  const { data, error, refetch } = useKeys(query);
  const { origin, store, state } = query;
  const stores: [string, string][] = (data?.stores ?? []).map((s) => [s.customKeyStoreId, s.customKeyStoreName]);
  const filter = (label: string, value: string | undefined, param: string, options: [string, string][]) => (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-muted-foreground">{label}</span>
      <Select className="w-40" value={value ?? ""} onChange={(e) => url.set({ [param]: e.target.value, page: undefined })}>
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </Select>
    </label>
  );
  const create = (
    <Link href="/keys/new" className={buttonVariants({ variant: "primary" })}>
      <Plus aria-hidden />
      Create key
    </Link>
  );
  return (
    <DataTable
      testId="keys-table"
      title="Customer managed keys"
      description={
        <KeyCacheFreshness
          refreshedAt={data ? data.refreshedAt : undefined}
          errorCode={data?.refreshErrorCode}
          statesAsOf={data?.statesAsOf}
        />
      }
      total={data?.total}
      server={{ filtered: Boolean(query.q || origin || store || state) }}
      actions={create}
      columns={columns}
      rows={error ? [] : data?.keys}
      rowKey={(k) => k.keyId}
      filterText={(k) => `${k.aliases.join(" ")} ${k.keyId} ${k.description} ${k.customKeyStoreId ?? ""} ${k.customKeyStoreName ?? ""}`}
      filterPlaceholder="Filter keys by alias, key ID or key store"
      defaultSort={{ key: "created", dir: "desc" }}
      filters={
        <>
          {filter(
            "Origin",
            origin,
            "origin",
            ORIGINS.map((o) => [o, originLabel(o)]),
          )}
          {filter("Key store", store, "store", stores)}
          {filter(
            "Status",
            state,
            "state",
            KEY_STATES.map((s) => [s, KEY_STATE_BADGES[s].label]),
          )}
        </>
      }
      error={error ? <ErrorPanel error={error} title="The keys could not be loaded" onRetry={() => void refetch()} /> : undefined}
      empty={
        <EmptyState
          icon={KeyRound}
          title="No keys yet"
          description="Keys you create appear here with their aliases, state and origin. Keys in a custom key store show the store they live in, so you can see at a glance what depends on each store."
          action={
            <Link href="/keys/new" className={buttonVariants({ variant: "normal" })}>
              <Plus aria-hidden />
              Create key
            </Link>
          }
        />
      }
    />
  );
}
