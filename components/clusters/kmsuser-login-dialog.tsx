"use client";

import { LogIn } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { validate } from "@/lib/console/zod-fields.ts";
import { useKmsuserSession } from "@/lib/queries/clusters.ts";
import { ZKmsuserLoginRequest, type ClusterSummary } from "@/lib/schemas/clusters.ts";

/** Local backend, admins: the CloudHSM CLI's `login --username kmsuser --role crypto-user`. */
export function KmsuserLoginDialog({ cluster, onClose }: { cluster: ClusterSummary; onClose: () => void }) {
  const session = useKmsuserSession();
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = () => {
    const v = validate(ZKmsuserLoginRequest, { kmsuserPassword: password });
    if (v.errors) return setErrors(v.errors);
    setErrors({});
    session.mutate(
      { clusterId: cluster.clusterId, kmsuserPassword: v.data.kmsuserPassword },
      {
        onSuccess: () => {
          toast({ tone: "success", title: `kmsuser is logged in to ${cluster.clusterId}` });
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
      busy={session.isPending}
      title="Log in as kmsuser"
      description={`As the CloudHSM CLI would, on every HSM of ${cluster.clusterId}. While kmsuser is logged in, KMS cannot connect a key store to this cluster (USER_LOGGED_IN). A wrong password counts towards the lockout after five failures.`}
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={session.isPending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit} disabled={session.isPending}>
            <LogIn aria-hidden />
            {session.isPending ? "Logging in…" : "Log in"}
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
        <Field label="kmsuser password" error={errors.kmsuserPassword}>
          <PasswordInput value={password} onChange={(e) => setPassword(e.target.value)} showLabel="Show kmsuser password" />
        </Field>
        <ApiErrorAlert
          error={session.error && !(isApiError(session.error) && session.error.fields) ? session.error : null}
          title="kmsuser was not logged in"
        />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
