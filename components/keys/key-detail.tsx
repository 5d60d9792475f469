"use client";

import { Pencil } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { ConnectionStateBadge } from "@/components/key-stores/connection-state-badge.tsx";
import { CopyButton } from "@/components/shell/copy-button.tsx";
import { DetailLoadError, DetailLoading } from "@/components/shell/detail-page-states.tsx";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { LocalTime } from "@/components/shell/local-time.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Card } from "@/components/ui/card.tsx";
import { Tabs } from "@/components/ui/tabs.tsx";
import { originLabel } from "@/lib/console/format.ts";
import { canEditKeyLabels } from "@/lib/console/key-label-actions.ts";
import { useKey } from "@/lib/queries/keys.ts";
import { ZConnectionState, type ConnectionState } from "@/lib/schemas/key-stores.ts";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { KeyActions } from "./key-actions.tsx";
import { KeyAliasesTab } from "./key-aliases-tab.tsx";
import { KeyDescriptionDialog } from "./key-description-dialog.tsx";
import { KeyExternalKeyTab } from "./key-external-key-tab.tsx";
import { KeyGrantsTab } from "./key-grants-tab.tsx";
import { KeyPolicyTab } from "./key-policy-tab.tsx";
import { KeyStateBadge } from "./key-state-badge.tsx";
import { KeyTagsTab } from "./key-tags-tab.tsx";
import { TryItPanel } from "./try-it-panel.tsx";

type TabKey = "policy" | "crypto" | "external" | "tags" | "aliases" | "grants";
const crumbs = (label: string) => [{ label: "Keyhold", href: "/key-stores" }, { label: "Keys", href: "/keys" }, { label }];

/** A KMS key: general configuration, actions, Try it, and the Key policy / Cryptographic configuration / Tags / Aliases / Grants tabs. */
export function KeyDetail({ id }: { id: string }) {
  const { data, error, refetch } = useKey(id);
  const [tab, setTab] = useState<TabKey>("crypto");
  const [editingDescription, setEditingDescription] = useState(false);
  if (error)
    return (
      <DetailLoadError breadcrumbs={crumbs(id)} id={id} error={error} title="This key could not be loaded" onRetry={() => void refetch()} />
    );
  if (!data) return <DetailLoading breadcrumbs={crumbs("Key")} title="Loading key…" />;
  const { key: k, customKeyStore: store, policy, tags } = data;
  const title = k.aliases[0] ?? k.keyId;
  const storeState = store ? ZConnectionState.safeParse(store.connectionState) : undefined;
  return (
    <>
      <PageHeader
        breadcrumbs={crumbs(title)}
        title={title}
        info={<KeyStateBadge state={k.keyState} />}
        description={k.description || "Symmetric encryption key"}
        actions={<KeyActions keyInfo={k} />}
      />
      {k.keyState === "Unavailable" && store ? (
        <Alert tone="error" title="This key is unavailable" data-testid="unavailable-alert">
          Its custom key store{" "}
          <Link href={`/key-stores/${store.customKeyStoreId}`} className="font-bold text-link hover:underline">
            {store.customKeyStoreName}
          </Link>{" "}
          is {store.connectionState.toLowerCase()}. Cryptographic operations fail with KMSInvalidStateException until the store is connected
          again; the key then returns to its previous state (Enabled or Disabled).
        </Alert>
      ) : null}
      {k.keyState === "PendingDeletion" ? (
        <Alert
          tone="warning"
          title={
            <>
              Scheduled for deletion on <LocalTime iso={k.deletionDate} />
            </>
          }
        >
          The key cannot be used. Cancel the deletion to keep it; it then becomes Disabled.
        </Alert>
      ) : null}
      <SectionCard title="General configuration">
        <KeyValueGrid>
          <KeyValue label="Alias">{k.aliases.length ? k.aliases.join(", ") : "—"}</KeyValue>
          <KeyValue label="Status">
            <KeyStateBadge state={k.keyState} />
          </KeyValue>
          <KeyValue label="Creation date">
            <LocalTime iso={k.creationDate} />
          </KeyValue>
          <KeyValue label="ARN" className="sm:col-span-2">
            <span className="inline-flex items-start gap-1 font-mono text-xs break-all">
              {k.arn}
              <CopyButton value={k.arn} label="key ARN" />
            </span>
          </KeyValue>
          <KeyValue label="Origin">{originLabel(k.origin)}</KeyValue>
          <KeyValue label="Description">
            <span className="inline-flex items-start gap-2 break-words" data-testid="key-description">
              <span>{k.description || "—"}</span>
              <GuardedButton
                rule={canEditKeyLabels(k.keyState)}
                variant="link"
                size="sm"
                className="h-5 px-1"
                onClick={() => setEditingDescription(true)}
                aria-label="Edit description"
                data-testid="description-edit"
              >
                <Pencil aria-hidden />
                Edit
              </GuardedButton>
            </span>
          </KeyValue>
          <KeyValue label="Regionality">{k.multiRegion ? "Multi-Region" : "Single Region"}</KeyValue>
          {k.deletionDate ? (
            <KeyValue label="Deletion date">
              <LocalTime iso={k.deletionDate} />
            </KeyValue>
          ) : null}
        </KeyValueGrid>
      </SectionCard>

      {editingDescription ? (
        <KeyDescriptionDialog keyId={k.keyId} description={k.description} onClose={() => setEditingDescription(false)} />
      ) : null}

      <TryItPanel keyId={k.keyId} />

      <Card className="px-5 pt-2 pb-5">
        <Tabs<TabKey>
          label="Key details"
          value={tab}
          onChange={setTab}
          items={[
            { key: "policy", label: "Key policy", content: <KeyPolicyTab keyId={k.keyId} policy={policy} /> },
            {
              key: "crypto",
              label: "Cryptographic configuration",
              content: (
                <div className="flex flex-col gap-6">
                  <KeyValueGrid>
                    <KeyValue label="Key type">Symmetric</KeyValue>
                    <KeyValue label="Key spec">{k.keySpec}</KeyValue>
                    <KeyValue label="Key usage">{k.keyUsage === "ENCRYPT_DECRYPT" ? "Encrypt and decrypt" : k.keyUsage}</KeyValue>
                    <KeyValue label="Origin">{originLabel(k.origin)}</KeyValue>
                    <KeyValue label="Encryption algorithms">{k.encryptionAlgorithms.join(", ") || "—"}</KeyValue>
                    <KeyValue label="Automatic rotation">{store ? "Not supported for keys in a custom key store" : "—"}</KeyValue>
                    {k.xksKeyId ? (
                      <KeyValue label="External key ID">
                        <span className="font-mono text-xs [overflow-wrap:anywhere]" data-testid="crypto-xks-key-id">
                          {k.xksKeyId}
                        </span>
                      </KeyValue>
                    ) : null}
                  </KeyValueGrid>
                  {store ? (
                    <section
                      aria-labelledby="cks-title"
                      className="rounded-lg border border-border p-4"
                      data-testid="custom-key-store-section"
                    >
                      <h3 id="cks-title" className="mb-3 font-bold">
                        Custom key store
                      </h3>
                      <KeyValueGrid>
                        <KeyValue label="Custom key store ID">
                          <Link href={`/key-stores/${store.customKeyStoreId}`} className="font-mono text-xs text-link hover:underline">
                            {store.customKeyStoreId}
                          </Link>
                        </KeyValue>
                        <KeyValue label="Custom key store name">
                          <Link href={`/key-stores/${store.customKeyStoreId}`} className="text-link hover:underline">
                            {store.customKeyStoreName}
                          </Link>
                        </KeyValue>
                        <KeyValue label="Custom key store type">
                          {store.customKeyStoreType === "AWS_CLOUDHSM" ? "AWS CloudHSM key store" : "External key store"}
                        </KeyValue>
                        <KeyValue label="Connection state">
                          {storeState?.success ? (
                            <ConnectionStateBadge state={storeState.data as ConnectionState} errorCode={store.connectionErrorCode} />
                          ) : (
                            store.connectionState
                          )}
                        </KeyValue>
                        <KeyValue label="Creation date">
                          <LocalTime iso={store.creationDate} />
                        </KeyValue>
                        {store.cloudHsmClusterId ? (
                          <KeyValue label="CloudHSM cluster ID">
                            <Link href="/clusters" className="font-mono text-xs text-link hover:underline">
                              {store.cloudHsmClusterId}
                            </Link>
                          </KeyValue>
                        ) : null}
                      </KeyValueGrid>
                    </section>
                  ) : null}
                </div>
              ),
            },
            ...(k.xksKeyId
              ? [{ key: "external" as const, label: "External key", content: <KeyExternalKeyTab keyId={k.keyId} xksKeyId={k.xksKeyId} /> }]
              : []),
            {
              key: "tags",
              label: `Tags (${tags.length})`,
              content: <KeyTagsTab keyId={k.keyId} keyState={k.keyState} tags={tags} />,
            },
            {
              key: "aliases",
              label: `Aliases (${k.aliases.length})`,
              content: <KeyAliasesTab keyId={k.keyId} keyState={k.keyState} aliases={k.aliases} />,
            },
            { key: "grants", label: "Grants", content: <KeyGrantsTab keyId={k.keyId} /> },
          ]}
        />
      </Card>
    </>
  );
}
