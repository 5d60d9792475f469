"use client";

import { Unplug } from "lucide-react";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useDisconnectKeyStore, useKeyStore } from "@/lib/queries/key-stores.ts";
import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { AffectedKeys } from "./affected-keys.tsx";

/** Confirms a disconnect, listing the keys that become Unavailable at once. */
export function DisconnectKeyStoreDialog({ store, open, onClose }: { store: KeyStoreSummary; open: boolean; onClose: () => void }) {
  const detail = useKeyStore(store.customKeyStoreId);
  const disconnect = useDisconnectKeyStore();
  const keys = detail.data?.keys;
  const affected = keys?.filter((k) => k.keyState !== "PendingDeletion");
  const pending = keys?.filter((k) => k.keyState === "PendingDeletion").length ?? 0;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={disconnect.isPending}
      title={`Disconnect ${store.customKeyStoreName}?`}
      description="KMS logs out of the cluster. Every KMS key in this store becomes Unavailable right away and cannot be used until you connect the store again."
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={disconnect.isPending}>
            Cancel
          </Button>
          <Button
            variant="destructive"
            disabled={disconnect.isPending}
            onClick={() =>
              disconnect.mutate(store.customKeyStoreId, {
                onSuccess: () => {
                  toast({ tone: "success", title: `Disconnecting ${store.customKeyStoreName}` });
                  onClose();
                },
              })
            }
          >
            <Unplug aria-hidden />
            {disconnect.isPending ? "Disconnecting…" : "Disconnect"}
          </Button>
        </>
      }
    >
      <h3 className="mb-2 font-bold">
        Keys that become unavailable{affected ? ` (${affected.length})` : ""}
      </h3>
      <AffectedKeys keys={affected} emptyText="This key store holds no usable keys: nothing becomes unavailable." />
      {pending > 0 ? (
        <Alert tone="info" className="mt-3">
          {pending} key{pending === 1 ? "" : "s"} pending deletion keep that state, so their deletion can still be cancelled. Keep the store connected
          until their waiting period ends if you want KMS to delete their key material from the cluster.
        </Alert>
      ) : null}
    </Dialog>
  );
}
