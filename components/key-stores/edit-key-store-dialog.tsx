"use client";

import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useUpdateKeyStore } from "@/lib/queries/key-stores.ts";
import { ZUpdateKeyStoreRequest, type KeyStoreSummary } from "@/lib/schemas/key-stores.ts";

/** Edit a DISCONNECTED CloudHSM key store: name, cluster ID (a related cluster), kmsuser password. */
export function EditKeyStoreDialog({
  store,
  open,
  onClose,
  focus,
}: {
  store: KeyStoreSummary;
  open: boolean;
  onClose: () => void;
  /** The field a troubleshooting fix points at. */
  focus?: "keyStorePassword" | "cloudHsmClusterId";
}) {
  const update = useUpdateKeyStore(store.customKeyStoreId);
  const form = useSchemaForm({ name: store.customKeyStoreName, clusterId: store.cloudHsmClusterId ?? "", password: "" });
  const { values, errors } = form;
  const { name, clusterId, password } = values;

  const submit = () => {
    const body = {
      newCustomKeyStoreName: name.trim() !== store.customKeyStoreName ? name : undefined,
      cloudHsmClusterId: clusterId.trim() !== (store.cloudHsmClusterId ?? "") ? clusterId : undefined,
      keyStorePassword: password ? password : undefined,
    };
    const data = form.check(ZUpdateKeyStoreRequest, body);
    if (!data) return;
    update.mutate(data, {
      onSuccess: () => {
        toast({ tone: "success", title: `Saved changes to ${name.trim()}` });
        form.set("password", "");
        onClose();
      },
      onError: form.showServerErrors,
    });
  };

  const apiError = formLevelError(update.error);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={update.isPending}
      title={`Edit ${store.customKeyStoreName}`}
      description="A key store can be edited only while it is disconnected."
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} disabled={update.isPending}>
            {update.isPending ? "Saving…" : "Save changes"}
          </Button>
        </>
      }
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Field label="Key store name" error={errors.newCustomKeyStoreName}>
          <Input value={name} onChange={(e) => form.set("name", e.target.value)} autoFocus={!focus} />
        </Field>
        <Field
          label="CloudHSM cluster ID"
          description="Only a cluster that shares this cluster's backup history (the same cluster certificate), for example one restored from its backup."
          error={errors.cloudHsmClusterId}
        >
          <Input
            value={clusterId}
            onChange={(e) => form.set("clusterId", e.target.value)}
            className="font-mono"
            autoFocus={focus === "cloudHsmClusterId"}
          />
        </Field>
        <Field
          label="kmsuser password"
          description="Leave empty to keep the current one. This tells KMS the kmsuser password the cluster has now; it does not change it in the cluster."
          constraint="7–32 letters and digits."
          error={errors.keyStorePassword}
        >
          <PasswordInput
            value={password}
            onChange={(e) => form.set("password", e.target.value)}
            showLabel="Show kmsuser password"
            autoFocus={focus === "keyStorePassword"}
          />
        </Field>
        {errors._ ? <Alert tone="error">{errors._}</Alert> : null}
        {apiError ? (
          <Alert tone="error" title={isApiError(apiError) ? apiError.code : "The request failed"}>
            {apiError.message}
            {isApiError(apiError) && apiError.requestId ? (
              <p className="mt-1 font-mono text-xs text-muted-foreground">Request ID: {apiError.requestId}</p>
            ) : null}
          </Alert>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
