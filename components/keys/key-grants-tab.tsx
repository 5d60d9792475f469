"use client";

import { KeyRound, Trash2 } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { LocalTime } from "@/components/shell/local-time.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useKeyGrants, useRevokeGrant } from "@/lib/queries/key-grants.ts";
import type { KeyGrant } from "@/lib/schemas/key-grants.ts";

const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 12)}…` : id);

function constraintText(c: KeyGrant["constraints"]): string {
  const pairs = (m: Record<string, string>) =>
    Object.entries(m)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ");
  if (c?.encryptionContextEquals) return `Context equals ${pairs(c.encryptionContextEquals)}`;
  if (c?.encryptionContextSubset) return `Context includes ${pairs(c.encryptionContextSubset)}`;
  if (c?.sourceArn) return `Source ${c.sourceArn}`;
  return "—";
}

/** Grants: who may use the key through a grant, for which operations and under which constraint; revoke one after confirming. */
export function KeyGrantsTab({ keyId }: { keyId: string }) {
  const { data, error, refetch } = useKeyGrants(keyId);
  const [revoking, setRevoking] = useState<KeyGrant>();
  if (error) return <ErrorPanel error={error} title="The grants could not be loaded" onRetry={() => void refetch()} />;
  if (!data)
    return (
      <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading grants">
        <Skeleton className="h-5 w-full" />
        <Skeleton className="h-5 w-2/3" />
      </div>
    );
  if (!data.grants.length) {
    return (
      <EmptyState
        icon={KeyRound}
        title="No grants"
        description="A grant lets a principal use this key for the operations it names, beside the key policy. Applications create grants with CreateGrant."
      />
    );
  }
  return (
    <div className="flex flex-col gap-3" data-testid="key-grants">
      <p className="text-xs text-muted-foreground">
        Each grant allows its grantee the listed operations on this key. Revoking a grant ends those permissions at once.
      </p>
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[48rem] text-left text-sm">
          <thead>
            <tr className="border-b border-border text-xs text-muted-foreground">
              {["Grant", "Grantee", "Operations", "Constraint", "Retiring principal", "Created"].map((h) => (
                <th key={h} scope="col" className="py-2 pr-3 font-bold">
                  {h}
                </th>
              ))}
              <th scope="col" className="py-2 text-right font-bold">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.grants.map((g) => (
              <tr key={g.grantId} className="border-b border-border align-top last:border-0" data-testid={`grant-row-${g.grantId}`}>
                <td className="py-2 pr-3">
                  <span className="block font-bold break-all">{g.name ?? "—"}</span>
                  <span className="font-mono text-xs text-muted-foreground" title={g.grantId}>
                    {shortId(g.grantId)}
                  </span>
                </td>
                <td className="py-2 pr-3 font-mono text-xs break-all">{g.granteePrincipal ?? g.granteeServicePrincipal ?? "—"}</td>
                <td className="py-2 pr-3 text-xs">{g.operations.join(", ")}</td>
                <td className="py-2 pr-3 text-xs break-all">{constraintText(g.constraints)}</td>
                <td className="py-2 pr-3 font-mono text-xs break-all">{g.retiringPrincipal ?? g.retiringServicePrincipal ?? "—"}</td>
                <td className="py-2 pr-3 text-xs whitespace-nowrap">
                  <LocalTime iso={g.creationDate} />
                </td>
                <td className="py-1 text-right">
                  <Button variant="link" size="sm" onClick={() => setRevoking(g)} aria-label={`Revoke grant ${g.name ?? g.grantId}`}>
                    <Trash2 aria-hidden />
                    Revoke
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {revoking ? <RevokeGrantDialog keyId={keyId} grant={revoking} onClose={() => setRevoking(undefined)} /> : null}
    </div>
  );
}

function RevokeGrantDialog({ keyId, grant, onClose }: { keyId: string; grant: KeyGrant; onClose: () => void }) {
  const revoke = useRevokeGrant(keyId);
  return (
    <ConfirmDialog
      onClose={onClose}
      title="Revoke grant"
      description="The grantee loses the grant's permissions at once. Applications that depend on it start failing with AccessDeniedException."
      icon={Trash2}
      confirmLabel="Revoke grant"
      pendingLabel="Revoking…"
      pending={revoke.isPending}
      onConfirm={() =>
        revoke.mutate(grant.grantId, {
          onSuccess: () => {
            toast({ tone: "success", title: "Grant revoked", description: grant.name ?? grant.grantId });
            onClose();
          },
        })
      }
    >
      <p>
        Revoke the grant <span className="font-mono font-bold break-all">{grant.name ?? grant.grantId}</span> to{" "}
        <span className="font-mono break-all">{grant.granteePrincipal ?? grant.granteeServicePrincipal}</span> (
        {grant.operations.join(", ")})?
      </p>
      <ApiErrorAlert error={revoke.error} />
    </ConfirmDialog>
  );
}
