"use client";

import { KeyRound, Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { CopyButton } from "@/components/shell/copy-button.tsx";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { DetailLoadError, DetailLoading } from "@/components/shell/detail-page-states.tsx";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { LocalTime } from "@/components/shell/local-time.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { KeysList } from "@/components/keys/keys-list.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { buttonVariants } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import type { EditField } from "@/lib/console/connection-errors.ts";
import { canCreateKeyIn, canEditField } from "@/lib/console/key-store-actions.ts";
import { unresolvedFailure } from "@/lib/console/connection-failure.ts";
import { useKeyStore } from "@/lib/queries/key-stores.ts";
import type { ConnectionErrorCode } from "@/lib/schemas/key-stores.ts";
import { BackendStatusAlert } from "./backend-status-alert.tsx";
import { CachedStateBadge } from "./cached-state-badge.tsx";
import { ConnectProgress } from "./connect-progress.tsx";
import { ConnectionTimeline } from "./connection-timeline.tsx";
import { ConnectionStateBadge } from "./connection-state-badge.tsx";
import { DisconnectKeyStoreDialog } from "./disconnect-key-store-dialog.tsx";
import { FailedConnectionPanel } from "./failed-connection-panel.tsx";
import { CloudHsmConfiguration, CloudHsmKeyMaterial, CloudHsmSections } from "./cloudhsm-store-sections.tsx";
import { KeyStoreActions } from "./key-store-actions.tsx";
import { XksProxyConfiguration, XksProxyHealthSection } from "./xks-store-sections.tsx";

const crumbs = (name?: string) => [
  { label: "Keyhold", href: "/key-stores" },
  { label: "Key stores", href: "/key-stores" },
  { label: name ?? "Key store" },
];

/** The key store detail page: configuration, connection state (with the fix when FAILED), HSMs, keys, actions. */
export function KeyStoreDetail({ id, justCreated }: { id: string; justCreated?: boolean }) {
  const [watchSince, setWatchSince] = useState<number | null>(null);
  const { data, error, refetch } = useKeyStore(id, { poll: watchSince !== null });
  const [editField, setEditField] = useState<EditField | undefined>();
  const [editOpen, setEditOpen] = useState(false);
  const [failedDisconnect, setFailedDisconnect] = useState(false);
  // The failure seen on this page, in case the status history has not recorded it (yet).
  const [seenFailure, setSeenFailure] = useState<ConnectionErrorCode | undefined>();
  const live = data?.keyStore;
  const liveFailure =
    live?.connectionState === "FAILED" ? live.connectionErrorCode : live?.connectionState === "CONNECTED" ? undefined : seenFailure;
  if (live && liveFailure !== seenFailure) setSeenFailure(liveFailure);

  if (error) {
    return (
      <DetailLoadError
        breadcrumbs={crumbs(id)}
        id={id}
        error={error}
        title="This key store could not be loaded"
        onRetry={() => void refetch()}
      />
    );
  }
  if (!data) {
    return (
      <DetailLoading breadcrumbs={crumbs()} title="Loading key store…">
        <Card className="p-5">
          <Skeleton className="h-24 w-full" />
        </Card>
      </DetailLoading>
    );
  }

  const { keyStore: s, cluster, keys, backend, history, keysAvailable } = data;
  const xks = s.customKeyStoreType === "EXTERNAL_KEY_STORE";
  const typeLabel = xks ? "External key store" : "AWS CloudHSM key store";
  const createRule = canCreateKeyIn(s);
  const failure = unresolvedFailure(s, history) ?? liveFailure;
  return (
    <>
      <PageHeader
        breadcrumbs={crumbs(s.customKeyStoreName)}
        title={s.customKeyStoreName}
        info={<CachedStateBadge store={s} backend={backend} />}
        description={typeLabel}
        actions={
          <KeyStoreActions
            store={s}
            variant="buttons"
            onConnectStarted={() => setWatchSince(Date.now())}
            editFocus={editField}
            editOpen={editOpen}
            onEditOpenChange={(v) => {
              setEditOpen(v);
              if (!v) setEditField(undefined);
            }}
          />
        }
      />

      <BackendStatusAlert backend={backend} />

      {justCreated && s.connectionState === "DISCONNECTED" && watchSince === null ? (
        <Alert tone="success" title="Key store created" data-testid="created-offer">
          New key stores start disconnected. Connect it now to check its configuration (
          {xks ? "KMS calls the proxy's GetHealthStatus" : "KMS logs in to the cluster as kmsuser"}); you can disconnect it again until you
          need it. Use <span className="font-bold">Connect</span> above.
        </Alert>
      ) : null}

      {watchSince !== null ? (
        <ConnectProgress
          storeType={s.customKeyStoreType}
          state={s.connectionState}
          errorCode={s.connectionErrorCode}
          startedAt={watchSince}
          onDismiss={() => setWatchSince(null)}
        />
      ) : null}

      {failure && s.connectionState !== "CONNECTING" ? (
        <FailedConnectionPanel
          code={failure}
          storeType={s.customKeyStoreType}
          clusterId={s.cloudHsmClusterId ?? undefined}
          disconnected={s.connectionState !== "FAILED"}
          editRule={(f) => canEditField(s, f)}
          onDisconnect={() => setFailedDisconnect(true)}
          onEdit={(f) => {
            setEditField(f);
            setEditOpen(true);
          }}
        />
      ) : null}
      {failedDisconnect ? <DisconnectKeyStoreDialog store={s} open onClose={() => setFailedDisconnect(false)} /> : null}

      <SectionCard title="General configuration">
        <KeyValueGrid>
          <KeyValue label="Custom key store ID">
            <span className="inline-flex items-center gap-1 font-mono text-xs">
              {s.customKeyStoreId}
              <CopyButton value={s.customKeyStoreId} label="key store ID" />
            </span>
          </KeyValue>
          <KeyValue label="Custom key store name">{s.customKeyStoreName}</KeyValue>
          <KeyValue label="Custom key store type">{typeLabel}</KeyValue>
          <KeyValue label="Connection state">
            <ConnectionStateBadge state={s.connectionState} errorCode={s.connectionErrorCode} />
          </KeyValue>
          <KeyValue label="Creation date">
            <LocalTime iso={s.creationDate} />
          </KeyValue>
          <KeyValue label="KMS keys in this store">{s.keyCount}</KeyValue>
          {xks ? null : <CloudHsmConfiguration store={s} />}
        </KeyValueGrid>
      </SectionCard>

      {xks ? (
        <>
          <XksProxyConfiguration store={s} />
          <XksProxyHealthSection store={s} />
        </>
      ) : (
        <CloudHsmSections store={s} cluster={cluster} />
      )}

      <SectionCard
        bare
        title={
          <>
            Keys in this store <span className="font-normal text-muted-foreground">({s.keyCount})</span>
          </>
        }
        description="A key store can be deleted only once every key in it has been deleted."
        actions={
          createRule.allowed ? (
            <Link
              href={
                xks
                  ? `/keys/new?origin=EXTERNAL_KEY_STORE&customKeyStoreId=${s.customKeyStoreId}`
                  : `/keys/new?origin=AWS_CLOUDHSM&store=${s.customKeyStoreId}`
              }
              className={buttonVariants({ variant: "normal", size: "sm" })}
            >
              <Plus aria-hidden />
              Create a KMS key in this key store
            </Link>
          ) : (
            <GuardedButton rule={createRule} size="sm">
              <Plus aria-hidden />
              Create a KMS key in this key store
            </GuardedButton>
          )
        }
      >
        {!keysAvailable ? (
          <div className="p-5">
            <Alert tone="warning" title="The keys could not be listed">
              The backend did not answer. The store&apos;s state above comes from the status cache.
            </Alert>
          </div>
        ) : keys.length === 0 ? (
          <EmptyState
            icon={KeyRound}
            title="No keys in this store"
            description="Keys you create in this key store appear here with their state."
          />
        ) : (
          <KeysList customKeyStoreId={s.customKeyStoreId} firstPage={keys} />
        )}
      </SectionCard>

      {xks ? null : <CloudHsmKeyMaterial storeId={s.customKeyStoreId} />}

      <SectionCard
        title="Connection history"
        description="Connection state changes of this store, and state changes of its cluster and HSMs, as the console saw them."
      >
        <ConnectionTimeline history={history} />
      </SectionCard>
    </>
  );
}
