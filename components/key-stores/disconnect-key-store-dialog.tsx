"use client";

import { Unplug } from "lucide-react";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { Alert } from "@/components/ui/alert.tsx";
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
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Disconnect ${store.customKeyStoreName}?`}
      description={`${store.customKeyStoreType === "EXTERNAL_KEY_STORE" ? "KMS stops calling the proxy." : "KMS logs out of the cluster."} Every KMS key in this store becomes Unavailable right away and cannot be used until you connect the store again.`}
      icon={Unplug}
      confirmLabel="Disconnect"
      pendingLabel="Disconnecting…"
      pending={disconnect.isPending}
      onConfirm={() =>
        disconnect.mutate(store.customKeyStoreId, {
          onSuccess: () => {
            toast({ tone: "success", title: `Disconnecting ${store.customKeyStoreName}` });
            onClose();
          },
        })
      }
    >
      <div>
        <h3 className="mb-2 font-bold">Keys that become unavailable{affected ? ` (${affected.length})` : ""}</h3>
        <AffectedKeys keys={affected} emptyText="This key store holds no usable keys: nothing becomes unavailable." />
      </div>
      {pending > 0 ? (
        <Alert tone="info">
          {pending} key{pending === 1 ? "" : "s"} pending deletion keep that state, so their deletion can still be cancelled. Keep the store
          connected until their waiting period ends if you want KMS to delete their key material from the cluster.
        </Alert>
      ) : null}
    </ConfirmDialog>
  );
}
