"use client";

import { LockKeyhole, Plus, RefreshCw } from "lucide-react";
import Link from "next/link";
import { DataTable, type Column } from "@/components/shell/data-table.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { buttonVariants } from "@/components/ui/button.tsx";
import { Select } from "@/components/ui/select.tsx";
import { formatDateShort, formatDateTime } from "@/lib/console/format.ts";
import { useUrlParams } from "@/lib/console/use-url-params.ts";
import { useKeyStores, useRefreshKeyStores } from "@/lib/queries/key-stores.ts";
import { CONNECTION_STATES, type BackendStatus, type KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { BackendStatusAlert } from "./backend-status-alert.tsx";
import { CachedStateBadge } from "./cached-state-badge.tsx";
import { CONNECTION_STATE_BADGES } from "./connection-state-badge.tsx";
import { HsmCount } from "./hsm-count.tsx";
import { KeyStoreActions } from "./key-store-actions.tsx";

/** "Nov 24, 2026, 04:18" → ["Nov 24, 2026,", "04:18"]: the parts a narrow column may put on two lines. */
const splitDateTime = (text: string) => {
  const i = text.lastIndexOf(", ");
  return i < 0 ? [text] : [text.slice(0, i + 1), text.slice(i + 2)];
};

const columnsFor = (backend: BackendStatus | undefined): Column<KeyStoreSummary>[] => [
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
    cell: (s) => (
      // Date and time may go on two lines, but neither breaks inside.
      <span title={formatDateTime(s.creationDate)}>
        {splitDateTime(formatDateShort(s.creationDate)).map((part, i) => (
          <span key={i} className="whitespace-nowrap">
            {i ? " " : ""}
            {part}
          </span>
        ))}
      </span>
    ),
  },
  { key: "actions", header: "Actions", cell: (s) => <KeyStoreActions store={s} variant="menu" />, className: "w-0", sticky: "end" },
];

/** The AWS CloudHSM key stores table: filter, sort and page in the URL; live connection states. */
export function KeyStoresTable() {
  const { data, error, refetch } = useKeyStores();
  const refresh = useRefreshKeyStores();
  const url = useUrlParams();
  const state = url.get("state");
  const rows = data?.keyStores.filter((s) => s.customKeyStoreType === "AWS_CLOUDHSM" && (!state || s.connectionState === state));
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
      Create key store
    </GuardedButton>
  ) : (
    <Link href="/key-stores/new" className={buttonVariants({ variant: "primary" })}>
      <Plus aria-hidden />
      Create key store
    </Link>
  );
  return (
    <>
      <BackendStatusAlert backend={data?.backend} />
      <DataTable
        testId="key-stores-table"
        title="AWS CloudHSM key stores"
        total={data?.keyStores.filter((s) => s.customKeyStoreType === "AWS_CLOUDHSM").length}
        description={
          data
            ? `${data.totalStores} of ${data.limit} custom key stores used in this account and Region (both types together).`
            : "Up to 10 custom key stores per account and Region."
        }
        actions={
          <span className="flex items-center gap-2">
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
        columns={columnsFor(data?.backend)}
        rows={error ? [] : rows}
        rowKey={(s) => s.customKeyStoreId}
        filterText={(s) => `${s.customKeyStoreName} ${s.customKeyStoreId} ${s.cloudHsmClusterId ?? ""} ${s.connectionErrorCode ?? ""}`}
        filterPlaceholder="Find key stores by name, ID or cluster"
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
            title="No CloudHSM key stores yet"
            description="A CloudHSM key store keeps the key material of your KMS keys in a CloudHSM cluster you control. Each one appears here with its cluster, HSM count and live connection state."
            action={
              <Link href="/key-stores/new" className={buttonVariants({ variant: "normal" })}>
                <Plus aria-hidden />
                Create key store
              </Link>
            }
          />
        }
      />
    </>
  );
}
