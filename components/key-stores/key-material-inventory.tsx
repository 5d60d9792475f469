"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useKeyMaterialInventory, useRemoveOrphanedKeyMaterial } from "@/lib/queries/key-stores.ts";

/** Missing and orphaned key material on the store's cluster, each with what to do (local backend). */
export function KeyMaterialInventory({ storeId }: { storeId: string }) {
  const [run, setRun] = useState(false);
  const [confirm, setConfirm] = useState<string | null>(null);
  const { data, error, refetch, isFetching } = useKeyMaterialInventory(storeId, run);
  const remove = useRemoveOrphanedKeyMaterial(storeId);
  if (!run) {
    return (
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-muted-foreground">
          Reads the key labels on every active HSM of the cluster and compares them with this store&apos;s KMS keys.
        </p>
        <Button variant="normal" size="sm" onClick={() => setRun(true)} data-testid="run-inventory">
          Check key material
        </Button>
      </div>
    );
  }
  if (error) return <ErrorPanel error={error} title="The key material could not be inventoried" onRetry={() => void refetch()} />;
  if (!data) return <Skeleton className="h-16 w-full" />;
  if (!data.supported) {
    return (
      <Alert tone="info" title="Not available with AWS">
        The console can read key labels on the local backend&apos;s clusters only. On AWS CloudHSM, list them with the CloudHSM CLI (key
        list) as kmsuser.
      </Alert>
    );
  }
  return (
    <div className="flex flex-col gap-3" data-testid="key-material-inventory">
      <p className="text-xs text-muted-foreground">
        {data.hsms
          .map((h) => `${h.hsmId} (${h.availabilityZone}): ${h.keyCount ?? `unreadable, ${h.errorCode}`} key${h.keyCount === 1 ? "" : "s"}`)
          .join(" · ")}
        {isFetching ? " · checking…" : ""}
      </p>
      {data.missing.length === 0 && data.orphaned.length === 0 ? (
        <Alert tone="success" title="Key material matches">
          Every KMS key of this store has its material on every active HSM, and no HSM holds material without a KMS key.
        </Alert>
      ) : null}
      {data.missing.map((m) => (
        <Alert key={m.keyId} tone="error" title={`Key material missing: ${m.keyId}`} data-testid="missing-material">
          {m.missingEverywhere
            ? "No active HSM holds this key's material: every cryptographic operation with it fails. Restore the cluster from a backup taken while the key existed, or schedule the key's deletion."
            : `Missing on ${m.missingOn.join(", ")}. Operations routed there fail; remove those HSMs and add new ones so the cluster copies the material again.`}
        </Alert>
      ))}
      {data.orphaned.map((o) => (
        <Alert key={o.label} tone="warning" title="Orphaned key material" data-testid="orphaned-material">
          <span className="flex flex-wrap items-center justify-between gap-2">
            <span>
              <span className="font-mono text-xs break-all">{o.label}</span> on {o.hsmIds.join(", ")} has no KMS key: nothing can use it.
              Keep it only if you plan to restore that key from a backup.
            </span>
            <Button variant="normal" size="sm" onClick={() => setConfirm(o.label)}>
              <Trash2 aria-hidden />
              Remove
            </Button>
          </span>
        </Alert>
      ))}
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        busy={remove.isPending}
        title="Remove orphaned key material?"
        description="The material is destroyed on every active HSM of the cluster. Backups taken earlier still hold it. This cannot be undone."
        footer={
          <>
            <Button variant="link" onClick={() => setConfirm(null)} disabled={remove.isPending}>
              Cancel
            </Button>
            <Button
              variant="destructive"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(confirm!, {
                  onSuccess: (r) => {
                    toast({ tone: "success", title: `Removed from ${r.deletedFrom.length} HSM${r.deletedFrom.length === 1 ? "" : "s"}` });
                    setConfirm(null);
                  },
                })
              }
            >
              Remove key material
            </Button>
          </>
        }
      >
        <p className="font-mono text-xs break-all">{confirm}</p>
      </Dialog>
    </div>
  );
}
