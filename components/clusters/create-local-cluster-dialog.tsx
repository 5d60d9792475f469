"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useCreateLocalCluster } from "@/lib/queries/clusters.ts";
import { ZCreateLocalClusterRequest, type CreateLocalClusterResponse } from "@/lib/schemas/clusters.ts";

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/x-pem-file" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * Local backend only: create and initialise a local CloudHSM cluster (PKCS#11 tokens as HSMs). The
 * user picks the kmsuser password, so nothing secret comes back; customerCA.crt can be downloaded.
 */
export function CreateLocalClusterDialog({ open, onClose, region }: { open: boolean; onClose: () => void; region: string }) {
  const zones = ["a", "b", "c", "d"].map((s) => `${region}${s}`);
  const create = useCreateLocalCluster();
  const form = useSchemaForm({ availabilityZones: zones.slice(0, 2), createHsms: true, kmsuserPassword: "" });
  const { values, errors } = form;
  const [created, setCreated] = useState<CreateLocalClusterResponse | null>(null);

  const submit = () => {
    const data = form.check(ZCreateLocalClusterRequest, values);
    if (!data) return;
    create.mutate(data, {
      onSuccess: (r) => {
        setCreated(r);
        toast({ tone: "success", title: `Created local cluster ${r.clusterId}` });
      },
      onError: form.showServerErrors,
    });
  };
  const close = () => {
    setCreated(null);
    form.set("kmsuserPassword", "");
    create.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={create.isPending}
      title={created ? "Local cluster created" : "Create local cluster"}
      description={
        created
          ? undefined
          : "Local backend only: a new initialised cluster whose HSMs are PKCS#11 tokens on this machine. On AWS, create clusters with the CloudHSM console or API."
      }
      footer={
        created ? (
          <Button variant="primary" onClick={close}>
            Done
          </Button>
        ) : (
          <>
            <Button variant="link" onClick={close} disabled={create.isPending}>
              Cancel
            </Button>
            <Button variant="primary" onClick={submit} disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create cluster"}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <div className="flex flex-col gap-3" data-testid="cluster-created">
          <p>
            Cluster <span className="font-mono font-bold">{created.clusterId}</span> is initialised, with a crypto user named kmsuser whose
            password is the one you chose. To create a key store on it you need its trust anchor certificate:
          </p>
          <div>
            <Button variant="normal" onClick={() => download("customerCA.crt", created.trustAnchorCertificate)}>
              <Download aria-hidden />
              Download customerCA.crt
            </Button>
          </div>
          <Alert tone="info">Keep the kmsuser password: Keyhold does not show it again.</Alert>
        </div>
      ) : (
        <form
          noValidate
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Field
            asGroup
            label="Availability Zones"
            description="One private subnet per zone; at least two, since a key store needs HSMs in two zones."
            error={errors.availabilityZones}
          >
            <div className="flex flex-wrap gap-4">
              {zones.map((az) => (
                <label key={az} className="flex cursor-pointer items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 accent-[var(--color-link)]"
                    checked={values.availabilityZones.includes(az)}
                    onChange={(e) => {
                      const c = values.availabilityZones;
                      form.set("availabilityZones", e.target.checked ? [...c, az].sort() : c.filter((z) => z !== az));
                    }}
                  />
                  <span className="font-mono">{az}</span>
                </label>
              ))}
            </div>
          </Field>
          <label className="flex cursor-pointer items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-[var(--color-link)]"
              checked={values.createHsms}
              onChange={(e) => form.set("createHsms", e.target.checked)}
            />
            Create one HSM in each chosen zone now
          </label>
          <Field
            label="kmsuser password"
            constraint="7–32 letters and digits. You will enter it again in the key-store wizard."
            error={errors.kmsuserPassword}
          >
            <PasswordInput
              value={values.kmsuserPassword}
              onChange={(e) => form.set("kmsuserPassword", e.target.value)}
              showLabel="Show kmsuser password"
            />
          </Field>
          <ApiErrorAlert error={formLevelError(create.error)} title="The cluster was not created" />
          <button type="submit" hidden />
        </form>
      )}
    </Dialog>
  );
}
