"use client";

import { Ban, CircleCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { CopyButton } from "@/components/shell/copy-button.tsx";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Card } from "@/components/ui/card.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useLocalExternalKeys, useSetLocalExternalKeyStatus } from "@/lib/queries/external-keys.ts";
import type { LocalExternalKey } from "@/lib/schemas/external-keys.ts";
import { ExternalKeyStatusBadge } from "../external-key-facts.tsx";
import { KeyStateBadge } from "../key-state-badge.tsx";
import { ZKeyState } from "@/lib/schemas/keys.ts";
import { CreateExternalKeyForm } from "./create-external-key-form.tsx";

/** The local XKS proxy's keys: create, disable (confirmed) and enable, and the KMS keys that use each. */
export function ExternalKeysView() {
  const { data, error, refetch } = useLocalExternalKeys();
  const [disabling, setDisabling] = useState<LocalExternalKey | null>(null);
  if (error) return <ErrorPanel error={error} title="The external keys could not be loaded" onRetry={() => void refetch()} />;
  if (!data) return <Skeleton className="h-40 w-full" />;
  if (!data.running) {
    return (
      <Alert tone="warning" title="The local XKS proxy is not running" data-testid="proxy-not-running">
        <p>Its keys can be listed and managed only while it runs (it alone opens its token). Start it in the Keyhold folder:</p>
        <p className="mt-2 flex items-center gap-2">
          <code className="rounded bg-muted px-2 py-1 font-mono text-xs">{data.startCommand}</code>
          <CopyButton value={data.startCommand} label="the start command" />
        </p>
        <p className="mt-2 text-xs">
          npm start runs it beside the console. Settings: <span className="font-mono [overflow-wrap:anywhere]">{data.settingsFile}</span>
        </p>
      </Alert>
    );
  }
  return (
    <>
      <SectionCard title="Create an external key">
        <CreateExternalKeyForm prefixes={data.prefixes} />
      </SectionCard>
      <Card className="overflow-hidden">
        <h2 className="border-b border-border px-5 py-3 text-lg font-bold">Keys in the proxy ({data.keys.length})</h2>
        {/* relative: the scroll box is the containing block of the header's sr-only text, which would widen the page. */}
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm" data-testid="external-keys-table">
            <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
              <tr>
                <th className="px-4 py-2 font-bold">External key ID</th>
                <th className="px-4 py-2 font-bold">Status</th>
                <th className="px-4 py-2 font-bold">Spec and usage</th>
                <th className="px-4 py-2 font-bold">Served on</th>
                <th className="px-4 py-2 font-bold">Used by KMS keys</th>
                <th className="px-4 py-2 font-bold">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.keys.length === 0 ? (
                <tr>
                  <td colSpan={6} className="px-4 py-6 text-center text-muted-foreground">
                    The proxy has no keys yet.
                  </td>
                </tr>
              ) : null}
              {data.keys.map((k) => (
                <tr key={k.keyId} className="border-t border-border align-top" data-testid="external-key-row" data-key-id={k.keyId}>
                  <td className="px-4 py-2.5 font-mono text-xs [overflow-wrap:anywhere]">{k.keyId}</td>
                  <td className="px-4 py-2.5">
                    <ExternalKeyStatusBadge status={k.keyStatus} />
                  </td>
                  <td className="px-4 py-2.5 whitespace-nowrap">
                    {k.keySpec}
                    <span className="block text-xs text-muted-foreground">{k.keyUsage.join(", ")}</span>
                  </td>
                  <td className="px-4 py-2.5 font-mono text-xs">
                    {k.prefixes.length ? (
                      k.prefixes.map((p) => (
                        <span key={p} className="block">
                          {p || "(no prefix)"}
                        </span>
                      ))
                    ) : (
                      <span className="text-muted-foreground">not served</span>
                    )}
                  </td>
                  <td className="px-4 py-2.5">
                    {k.kmsKeys.length === 0 ? (
                      <span className="text-muted-foreground">—</span>
                    ) : (
                      <ul className="flex flex-col gap-1">
                        {k.kmsKeys.map((m) => (
                          <li key={m.keyId} className="flex flex-wrap items-center gap-1.5">
                            <Link href={`/keys/${m.keyId}`} className="text-link hover:underline [overflow-wrap:anywhere]">
                              {m.alias ?? m.keyId}
                            </Link>
                            <KeyStateBadge state={ZKeyState.catch("Unavailable").parse(m.keyState)} />
                            {m.customKeyStoreName ? <span className="text-xs text-muted-foreground">in {m.customKeyStoreName}</span> : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="px-4 py-2.5 text-right">
                    <StatusButton keyInfo={k} onDisable={() => setDisabling(k)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {disabling ? <DisableDialog keyInfo={disabling} onClose={() => setDisabling(null)} /> : null}
    </>
  );
}

function StatusButton({ keyInfo, onDisable }: { keyInfo: LocalExternalKey; onDisable: () => void }) {
  const set = useSetLocalExternalKeyStatus();
  if (keyInfo.keyStatus === "ENABLED") {
    return (
      <Button variant="normal" size="sm" onClick={onDisable} aria-label={`Disable ${keyInfo.keyId}`}>
        <Ban aria-hidden />
        Disable
      </Button>
    );
  }
  return (
    <Button
      variant="normal"
      size="sm"
      disabled={set.isPending}
      aria-label={`Enable ${keyInfo.keyId}`}
      onClick={() =>
        set.mutate(
          { keyId: keyInfo.keyId, action: "enable" },
          { onSuccess: () => toast({ tone: "success", title: `Enabled ${keyInfo.keyId}` }) },
        )
      }
    >
      <CircleCheck aria-hidden />
      {set.isPending ? "Enabling…" : "Enable"}
    </Button>
  );
}

function DisableDialog({ keyInfo, onClose }: { keyInfo: LocalExternalKey; onClose: () => void }) {
  const set = useSetLocalExternalKeyStatus();
  return (
    <ConfirmDialog
      onClose={onClose}
      title={`Disable external key ${keyInfo.keyId}?`}
      description="The proxy stops encrypting and decrypting with it at once."
      icon={Ban}
      confirmLabel="Disable external key"
      pendingLabel="Disabling…"
      pending={set.isPending}
      onConfirm={() =>
        set.mutate(
          { keyId: keyInfo.keyId, action: "disable" },
          {
            onSuccess: () => {
              toast({ tone: "success", title: `Disabled ${keyInfo.keyId}` });
              onClose();
            },
          },
        )
      }
    >
      <p className="text-sm">
        {keyInfo.kmsKeys.length
          ? `Every Encrypt, Decrypt and GenerateDataKey with ${keyInfo.kmsKeys.map((m) => m.alias ?? m.keyId).join(", ")} will fail with KMSInvalidStateException until you enable it again; those KMS keys stay Enabled.`
          : "No KMS key uses it now."}
      </p>
    </ConfirmDialog>
  );
}
