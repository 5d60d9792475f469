"use client";

import { useEffect, useRef, useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import type { EditField } from "@/lib/console/connection-errors.ts";
import { xksConnectivityLocked } from "@/lib/console/key-store-actions.ts";
import { useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useUpdateKeyStore } from "@/lib/queries/key-stores.ts";
import { ZUpdateKeyStoreRequest, type KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { prefixOfPath, uriPathOf, type XksConnectivity, type XksForm } from "./xks-form.ts";
import { XksConnectivityFields, XksPathCredentialFields } from "./xks-proxy-fields.tsx";

function formOf(store: KeyStoreSummary): XksForm {
  const x = store.xksProxy ?? {};
  return {
    customKeyStoreName: store.customKeyStoreName,
    xksProxyConnectivity: (x.connectivity as XksConnectivity | undefined) ?? "PUBLIC_ENDPOINT",
    xksProxyUriEndpoint: x.uriEndpoint ?? "",
    pathPrefix: prefixOfPath(x.uriPath ?? "") ?? "",
    xksProxyVpcEndpointServiceName: x.vpcEndpointServiceName ?? "",
    xksProxyAccessKeyId: "",
    xksProxySecretAccessKey: "",
  };
}

/**
 * Edit an external key store (spec/console.md §1.5): name, credential and path in any state;
 * connectivity, endpoint and VPC endpoint service only while DISCONNECTED. Only what changed is sent;
 * the credential needs both parts. KMS checks the proxy with the new values first, so the change is
 * confirmed after a warning.
 */
export function EditXksKeyStoreDialog({
  store,
  open,
  onClose,
  focus,
}: {
  store: KeyStoreSummary;
  open: boolean;
  onClose: () => void;
  focus?: EditField;
}) {
  const update = useUpdateKeyStore(store.customKeyStoreId);
  const initial = formOf(store);
  const schemaForm = useSchemaForm<XksForm>(initial);
  const { values: form, errors } = schemaForm;
  const [confirming, setConfirming] = useState(false);
  const locked = xksConnectivityLocked(store);
  const warning = useRef<HTMLDivElement>(null);
  // The warning sits below the fields: bring it into view when it asks for confirmation.
  useEffect(() => {
    if (confirming) warning.current?.scrollIntoView({ block: "nearest" });
  }, [confirming]);
  const set = <K extends keyof XksForm>(k: K, v: XksForm[K]) => {
    schemaForm.set(k, v);
    // The path prefix is typed; the request's field (and its error) is the full path.
    if (k === "pathPrefix") schemaForm.clearErrors("xksProxyUriPath");
    setConfirming(false);
  };
  const changed = <K extends keyof XksForm>(k: K) => (form[k].trim() !== initial[k].trim() ? form[k] : undefined);

  const submit = () => {
    const connectivity = locked ? undefined : changed("xksProxyConnectivity");
    const body = {
      newCustomKeyStoreName: changed("customKeyStoreName"),
      xksProxyConnectivity: connectivity,
      xksProxyUriEndpoint: locked ? undefined : changed("xksProxyUriEndpoint"),
      xksProxyVpcEndpointServiceName:
        locked || form.xksProxyConnectivity !== "VPC_ENDPOINT_SERVICE" ? undefined : changed("xksProxyVpcEndpointServiceName"),
      xksProxyUriPath: changed("pathPrefix") !== undefined ? uriPathOf(form.pathPrefix) : undefined,
      xksProxyAccessKeyId: form.xksProxyAccessKeyId || undefined,
      xksProxySecretAccessKey: form.xksProxySecretAccessKey || undefined,
    };
    const data = schemaForm.check(ZUpdateKeyStoreRequest, body);
    if (!data) return;
    if (!confirming) return setConfirming(true);
    update.mutate(data, {
      onSuccess: () => {
        toast({ tone: "success", title: `Saved changes to ${form.customKeyStoreName.trim()}` });
        onClose();
      },
      onError: (e) => {
        setConfirming(false);
        schemaForm.showServerErrors(e);
      },
    });
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={update.isPending}
      title={`Edit ${store.customKeyStoreName}`}
      description="Name, proxy credential and URI path can change in any state; connectivity, URI endpoint and VPC endpoint service only while disconnected."
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} disabled={update.isPending} data-testid="xks-edit-submit">
            {update.isPending ? "Updating…" : confirming ? "Confirm: update external key store" : "Update external key store"}
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
          <Input value={form.customKeyStoreName} onChange={(e) => set("customKeyStoreName", e.target.value)} autoFocus={!focus} />
        </Field>
        <XksConnectivityFields form={form} set={set} errors={errors} locked={locked} autoFocus={focus} />
        <XksPathCredentialFields form={form} set={set} errors={errors} credentialOptional autoFocus={focus} />
        {errors._ ? <Alert tone="error">{errors._}</Alert> : null}
        {confirming ? (
          <div ref={warning}>
            <Alert tone="warning" title="Check before you update" data-testid="xks-edit-warning">
              KMS first calls the proxy&apos;s GetHealthStatus with the new values and refuses the update if that fails. A wrong path or
              credential on a connected store makes every key in it unusable until it is fixed, and changes can take up to 5 minutes to
              apply everywhere. Choose <span className="font-bold">Confirm</span> to update.
            </Alert>
          </div>
        ) : null}
        <ApiErrorAlert error={update.error} title="The key store was not updated" />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
