"use client";

import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { validate } from "@/lib/console/zod-fields.ts";
import { useSetKmsuserPassword } from "@/lib/queries/clusters.ts";
import { ZSetKmsuserPasswordRequest, type ClusterSummary } from "@/lib/schemas/clusters.ts";

/**
 * Local backend, admins: the crypto officer's "set kmsuser's password", which also unlocks a kmsuser
 * locked out after too many failed logins (USER_LOCKED_OUT).
 */
export function SetKmsuserPasswordDialog({ cluster, onClose }: { cluster: ClusterSummary; onClose: () => void }) {
  const set = useSetKmsuserPassword();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    const v = validate(ZSetKmsuserPasswordRequest, { kmsuserPassword: password });
    if (v.errors) return setErrors(v.errors);
    setErrors({});
    set.mutate(
      { clusterId: cluster.clusterId, kmsuserPassword: v.data.kmsuserPassword },
      {
        onSuccess: () => {
          toast({ tone: "success", title: `kmsuser's password is set on ${cluster.clusterId}; kmsuser is unlocked` });
          onClose();
        },
        onError: (e) => setErrors(isApiError(e) && e.fields ? e.fields : {}),
      },
    );
  };

  return (
    <Dialog
      open
      onClose={onClose}
      busy={set.isPending}
      title="Set kmsuser password"
      description={`As the crypto officer of ${cluster.clusterId}: sets kmsuser's password on every active HSM and unlocks kmsuser if too many failed logins locked it out.`}
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={set.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} disabled={set.isPending}>
            {set.isPending ? "Setting…" : "Set password"}
          </Button>
        </>
      }
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {cluster.keyStore ? (
          <Alert tone="info" title={`Then update key store ${cluster.keyStore.customKeyStoreName}`}>
            The key store still has the old password: disconnect it, edit its kmsuser password to this one, and connect it.
          </Alert>
        ) : null}
        <Field label="New kmsuser password" constraint="7–32 letters and digits." error={errors.kmsuserPassword}>
          <PasswordInput value={password} onChange={(e) => setPassword(e.target.value)} showLabel="Show kmsuser password" />
        </Field>
        <ApiErrorAlert
          error={set.error && !(isApiError(set.error) && set.error.fields) ? set.error : null}
          title="The password was not set"
        />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
