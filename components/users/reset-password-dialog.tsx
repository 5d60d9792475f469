"use client";

import { KeyRound } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Field } from "@/components/ui/field.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { FormDialog } from "@/components/shell/form-dialog.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { validate } from "@/lib/console/zod-fields.ts";
import { useUpdateUser } from "@/lib/queries/users.ts";
import { ZNewPassword } from "@/lib/schemas/auth.ts";
import { PASSWORD_POLICY, type UserSummary } from "@/lib/schemas/users.ts";

/** Admins: set a user's password (their sessions end; access keys are left alone). */
export function ResetPasswordDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const update = useUpdateUser({ toast: false });
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const submit = () => {
    const r = validate(ZNewPassword, password);
    setError(r.errors ? Object.values(r.errors)[0] : undefined);
    if (r.data === undefined) return;
    update.mutate(
      { userId: user.userId, change: { action: "reset-password", password: r.data } },
      {
        onSuccess: () => {
          toast({ tone: "success", title: `Password of ${user.userName} reset` });
          onClose();
        },
      },
    );
  };
  return (
    <FormDialog
      onClose={onClose}
      onSubmit={submit}
      pending={update.isPending}
      title={`Reset the password of ${user.userName}`}
      description="Their browser sessions end; their access keys keep working. Tell them the new password yourself."
      icon={KeyRound}
      submitLabel="Reset password"
      pendingLabel="Resetting…"
    >
      <Field label="New password" constraint={PASSWORD_POLICY} error={error}>
        <PasswordInput value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />
      </Field>
      <ApiErrorAlert error={update.error} title="The password was not reset" />
    </FormDialog>
  );
}
