"use client";

import { KeyRound, LogIn } from "lucide-react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { FormDialog } from "@/components/shell/form-dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useKmsuserSession, useSetKmsuserPassword } from "@/lib/queries/clusters.ts";
import { ZSetKmsuserPasswordRequest, type ClusterSummary } from "@/lib/schemas/clusters.ts";

/**
 * Local backend, admins: what the CloudHSM CLI does to kmsuser with a password. "set": an admin's
 * `user change-password`, which also unlocks a kmsuser locked out after too many failed logins
 * (USER_LOCKED_OUT). "login": `login --username kmsuser --role crypto-user`, after which KMS cannot
 * connect a key store to the cluster (USER_LOGGED_IN).
 */
export function KmsuserPasswordDialog({ cluster, mode, onClose }: { cluster: ClusterSummary; mode: "set" | "login"; onClose: () => void }) {
  const set = useSetKmsuserPassword();
  const login = useKmsuserSession();
  const mutation = mode === "set" ? set : login;
  const form = useSchemaForm({ kmsuserPassword: "" });
  const { values, errors } = form;
  const text =
    mode === "set"
      ? {
          title: "Set kmsuser password",
          description: `As an admin of ${cluster.clusterId}: sets kmsuser's password on every active HSM and unlocks kmsuser if too many failed logins locked it out.`,
          label: "New kmsuser password",
          action: "Set password",
          pending: "Setting…",
          done: `kmsuser's password is set on ${cluster.clusterId}; kmsuser is unlocked`,
          failed: "The password was not set",
        }
      : {
          title: "Log in as kmsuser",
          description: `As the CloudHSM CLI would, on every HSM of ${cluster.clusterId}. While kmsuser is logged in, KMS cannot connect a key store to this cluster (USER_LOGGED_IN). A wrong password counts towards the lockout after five failures.`,
          label: "kmsuser password",
          action: "Log in",
          pending: "Logging in…",
          done: `kmsuser is logged in to ${cluster.clusterId}`,
          failed: "kmsuser was not logged in",
        };

  const submit = () => {
    const data = form.check(ZSetKmsuserPasswordRequest, values);
    if (!data) return;
    const options = {
      onSuccess: () => {
        toast({ tone: "success", title: text.done });
        onClose();
      },
      onError: form.showServerErrors,
    };
    if (mode === "set") set.mutate({ clusterId: cluster.clusterId, kmsuserPassword: data.kmsuserPassword }, options);
    else login.mutate({ clusterId: cluster.clusterId, kmsuserPassword: data.kmsuserPassword }, options);
  };

  return (
    <FormDialog
      onClose={onClose}
      onSubmit={submit}
      pending={mutation.isPending}
      title={text.title}
      description={text.description}
      icon={mode === "set" ? KeyRound : LogIn}
      submitLabel={text.action}
      pendingLabel={text.pending}
    >
      {mode === "set" && cluster.keyStore ? (
        <Alert tone="info" title={`Then update key store ${cluster.keyStore.customKeyStoreName}`}>
          The key store still has the old password: disconnect it, edit its kmsuser password to this one, and connect it.
        </Alert>
      ) : null}
      <Field label={text.label} constraint={mode === "set" ? "7–32 letters and digits." : undefined} error={errors.kmsuserPassword}>
        <PasswordInput
          value={values.kmsuserPassword}
          onChange={(e) => form.set("kmsuserPassword", e.target.value)}
          showLabel="Show kmsuser password"
        />
      </Field>
      <ApiErrorAlert error={formLevelError(mutation.error)} title={text.failed} />
    </FormDialog>
  );
}
