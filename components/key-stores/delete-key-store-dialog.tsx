"use client";

import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useDeleteKeyStore, useKeyStore } from "@/lib/queries/key-stores.ts";
import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { AffectedKeys } from "./affected-keys.tsx";

/** Confirms deleting a key store by typing its name; lists any keys still in it (which block the delete). */
export function DeleteKeyStoreDialog({ store, open, onClose }: { store: KeyStoreSummary; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const detail = useKeyStore(store.customKeyStoreId);
  const del = useDeleteKeyStore();
  const form = useSchemaForm({ name: "" });
  const submit = () => {
    const confirmation = z.object({
      name: z
        .string()
        .trim()
        .refine((n) => n === store.customKeyStoreName, "Type the key store's name exactly to confirm."),
    });
    if (!form.check(confirmation, form.values)) return;
    del.mutate(store.customKeyStoreId, {
      onSuccess: () => {
        toast({ tone: "success", title: `Deleted key store ${store.customKeyStoreName}` });
        onClose();
        router.push("/key-stores");
      },
    });
  };
  return (
    <ConfirmDialog
      open={open}
      onClose={onClose}
      title={`Delete ${store.customKeyStoreName}?`}
      description="This deletes only KMS's record of the key store; the cluster, its HSMs and users are not touched. It cannot be undone, and keys that were in this store can never be recreated."
      icon={Trash2}
      confirmLabel="Delete key store"
      pendingLabel="Deleting…"
      pending={del.isPending}
      onConfirm={submit}
    >
      <div>
        <h3 className="mb-2 font-bold">Keys in this store</h3>
        <AffectedKeys keys={detail.data?.keys} emptyText="No KMS keys are left in this key store." />
      </div>
      <Field label={`To confirm, type the key store name (${store.customKeyStoreName})`} error={form.errors.name}>
        <Input value={form.values.name} onChange={(e) => form.set("name", e.target.value)} autoComplete="off" />
      </Field>
      {del.error ? (
        <Alert tone="error" title={isApiError(del.error) ? del.error.code : "The request failed"}>
          {del.error.message}
          {isApiError(del.error) && del.error.requestId ? (
            <p className="mt-1 font-mono text-xs text-muted-foreground">Request ID: {del.error.requestId}</p>
          ) : null}
        </Alert>
      ) : null}
    </ConfirmDialog>
  );
}
