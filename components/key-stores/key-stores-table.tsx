"use client";

import { LockKeyhole, Plus, RefreshCw } from "lucide-react";
import Link from "next/link";
import { DataTable, type Column } from "@/components/shell/data-table.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { LocalTime } from "@/components/shell/local-time.tsx";
import { buttonVariants } from "@/components/ui/button.tsx";
import { Select } from "@/components/ui/select.tsx";
import { useUrlParams } from "@/lib/console/use-url-params.ts";
import { useKeyStores, useRefreshKeyStores } from "@/lib/queries/key-stores.ts";
import { CONNECTION_STATES, type BackendStatus, type KeyStoreSummary, type KeyStoreType } from "@/lib/schemas/key-stores.ts";
import { BackendStatusAlert } from "./backend-status-alert.tsx";
import { CachedStateBadge } from "./cached-state-badge.tsx";
import { CONNECTION_STATE_BADGES } from "./connection-state-badge.tsx";
import { HsmCount } from "./hsm-count.tsx";
import { KeyStoreActions } from "./key-store-actions.tsx";
import { XksHealthBadge } from "./xks-health-badge.tsx";

/** "Nov 24, 2026, 04:18" → ["Nov 24, 2026,", "04:18"]: the parts a narrow column may put on two lines. */
const cloudHsmColumns: Column<KeyStoreSummary>[] = [
  {
    key: "cluster",
    header: "Cluster ID",
    sortValue: (s) => s.cloudHsmClusterId ?? "",
    cell: (s) => (
      <Link href="/clusters" className="font-mono text-xs whitespace-nowrap text-link hover:underline">
        {s.cloudHsmClusterId}
      </Link>
    ),
  },
  { key: "hsms", header: "HSMs", sortValue: (s) => s.hsms?.active ?? -1, cell: (s) => <HsmCount hsms={s.hsms} /> },
];

const xksColumns: Column<KeyStoreSummary>[] = [
  {
    key: "connectivity",
    header: "Connectivity",
    sortValue: (s) => s.xksProxy?.connectivity ?? "",
    cell: (s) => (
      <span className="whitespace-nowrap">
        {s.xksProxy?.connectivity === "VPC_ENDPOINT_SERVICE" ? "VPC endpoint service" : "Public endpoint"}
      </span>
    ),
  },
  {
    key: "proxy",
    header: "Proxy URI",
    sortValue: (s) => `${s.xksProxy?.uriEndpoint ?? ""}${s.xksProxy?.uriPath ?? ""}`,
    className: "max-w-64",
    cell: (s) => (
      <span className="flex flex-col gap-1">
        <span className="font-mono text-xs [overflow-wrap:anywhere]">
          {s.xksProxy?.uriEndpoint}
          {s.xksProxy?.uriPath}
        </span>
        <XksHealthBadge store={s} />
      </span>
    ),
  },
];

const columnsFor = (backend: BackendStatus | undefined, type: KeyStoreType): Column<KeyStoreSummary>[] => [
  {
    key: "name",
    header: "Name",
    sortValue: (s) => s.customKeyStoreName.toLowerCase(),
    sticky: "start",
    className: "max-w-56",
    cell: (s) => (
      <Link href={`/key-stores/${s.customKeyStoreId}`} className="font-bold break-words text-link hover:underline">
        {s.customKeyStoreName}
      </Link>
    ),
  },
  {
    key: "id",
    header: "Key store ID",
    sortValue: (s) => s.customKeyStoreId,
    cell: (s) => <span className="font-mono text-xs whitespace-nowrap">{s.customKeyStoreId}</span>,
  },
  ...(type === "EXTERNAL_KEY_STORE" ? xksColumns : cloudHsmColumns),
  {
    key: "state",
    header: "Connection state",
    sortValue: (s) => s.connectionState,
    cell: (s) => <CachedStateBadge store={s} backend={backend} compact />,
  },
  { key: "keys", header: "Keys", sortValue: (s) => s.keyCount, cell: (s) => <span className="tabular-nums">{s.keyCount}</span> },
  {
    key: "created",
    header: "Creation date",
    sortValue: (s) => s.creationDate,
    cell: (s) => <LocalTime iso={s.creationDate} format="short" wrapTime />,
  },
  { key: "actions", header: "Actions", cell: (s) => <KeyStoreActions store={s} variant="menu" />, className: "w-0", sticky: "end" },
];

const TEXT: Record<KeyStoreType, { title: string; create: string; href: string; filter: string; emptyTitle: string; emptyText: string }> = {
  AWS_CLOUDHSM: {
    title: "AWS CloudHSM key stores",
    create: "Create key store",
    href: "/key-stores/new",
    filter: "Find key stores by name, ID or cluster",
    emptyTitle: "No CloudHSM key stores yet",
    emptyText:
      "A CloudHSM key store keeps the key material of your KMS keys in a CloudHSM cluster you control. Each one appears here with its cluster, HSM count and live connection state.",
  },
  EXTERNAL_KEY_STORE: {
    title: "External key stores",
    create: "Create external key store",
    href: "/key-stores/new?type=external",
    filter: "Find key stores by name, ID or proxy URI",
    emptyTitle: "No external key stores yet",
    emptyText:
      "An external key store (XKS) uses keys in a key manager outside AWS, reached through an XKS proxy. Each one appears here with its proxy endpoint, connectivity and live connection state.",
  },
};

/** A key stores table of one type: filter, sort and page in the URL; live connection states. */
export function KeyStoresTable({ type = "AWS_CLOUDHSM" }: { type?: KeyStoreType }) {
  const text = TEXT[type];
  const { data, error, refetch } = useKeyStores();
  const refresh = useRefreshKeyStores();
  const url = useUrlParams();
  const state = url.get("state");
  const rows = data?.keyStores.filter((s) => s.customKeyStoreType === type && (!state || s.connectionState === state));
  const atLimit = data ? data.totalStores >= data.limit : false;
  const create = atLimit ? (
    <GuardedButton
      variant="primary"
      rule={{
        allowed: false,
        reason: `The account already has ${data?.limit} custom key stores, the most KMS allows (of both types, in any state). Delete one first.`,
      }}
    >
      <Plus aria-hidden />
      {text.create}
    </GuardedButton>
  ) : (
    <Link href={text.href} className={buttonVariants({ variant: "primary" })}>
      <Plus aria-hidden />
      {text.create}
    </Link>
  );
  return (
    <>
      <BackendStatusAlert backend={data?.backend} />
      <DataTable
        testId="key-stores-table"
        title={text.title}
        total={data?.keyStores.filter((s) => s.customKeyStoreType === type).length}
        description={
          data
            ? `${data.totalStores} of ${data.limit} custom key stores used in this account and Region (both types together).`
            : "Up to 10 custom key stores per account and Region."
        }
        actions={
          <span className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              className={buttonVariants({ variant: "normal" })}
              onClick={() => refresh.mutate()}
              disabled={refresh.isPending}
              title="Describe every key store and cluster now (the console also checks them every few seconds)"
              data-testid="refresh-status"
            >
              <RefreshCw className={refresh.isPending ? "animate-spin" : undefined} aria-hidden />
              Refresh
            </button>
            {create}
          </span>
        }
        columns={columnsFor(data?.backend, type)}
        rows={error ? [] : rows}
        rowKey={(s) => s.customKeyStoreId}
        filterText={(s) =>
          `${s.customKeyStoreName} ${s.customKeyStoreId} ${s.cloudHsmClusterId ?? ""} ${s.xksProxy?.uriEndpoint ?? ""}${s.xksProxy?.uriPath ?? ""} ${s.connectionErrorCode ?? ""}`
        }
        filterPlaceholder={text.filter}
        defaultSort={{ key: "created", dir: "desc" }}
        filters={
          <label className="flex items-center gap-2 text-sm">
            <span className="text-muted-foreground">Connection state</span>
            <Select className="w-40" value={state ?? ""} onChange={(e) => url.set({ state: e.target.value, page: undefined })}>
              <option value="">Any</option>
              {CONNECTION_STATES.map((s) => (
                <option key={s} value={s}>
                  {CONNECTION_STATE_BADGES[s].label}
                </option>
              ))}
            </Select>
          </label>
        }
        error={error ? <ErrorPanel error={error} title="The key stores could not be loaded" onRetry={() => void refetch()} /> : undefined}
        empty={
          <EmptyState
            icon={LockKeyhole}
            title={text.emptyTitle}
            description={text.emptyText}
            action={
              <Link href={text.href} className={buttonVariants({ variant: "normal" })}>
                <Plus aria-hidden />
                {text.create}
              </Link>
            }
          />
        }
      />
    </>
  );
}
