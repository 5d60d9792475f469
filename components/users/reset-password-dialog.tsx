"use client";

import { KeyRound } from "lucide-react";
import { z } from "zod";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Field } from "@/components/ui/field.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { FormDialog } from "@/components/shell/form-dialog.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useUpdateUser } from "@/lib/queries/users.ts";
import { ZNewPassword } from "@/lib/schemas/auth.ts";
import { PASSWORD_POLICY, type UserSummary } from "@/lib/schemas/users.ts";

const ZResetPasswordForm = z.object({ password: ZNewPassword });

/** Admins: set a user's password (their sessions end; access keys are left alone). */
export function ResetPasswordDialog({ user, onClose }: { user: UserSummary; onClose: () => void }) {
  const update = useUpdateUser({ toast: false });
  const form = useSchemaForm({ password: "" });
  const submit = () => {
    const data = form.check(ZResetPasswordForm, form.values);
    if (!data) return;
    update.mutate(
      { userId: user.userId, change: { action: "reset-password", password: data.password } },
      {
        onSuccess: () => {
          toast({ tone: "success", title: `Password of ${user.userName} reset` });
          onClose();
        },
        // The route names the field change.password: the form's one field.
        onError: (e) => form.showServerErrors(e),
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
      <Field label="New password" constraint={PASSWORD_POLICY} error={form.errors.password ?? form.errors["change.password"]}>
        <PasswordInput value={form.values.password} autoComplete="new-password" onChange={(e) => form.set("password", e.target.value)} />
      </Field>
      <ApiErrorAlert error={formLevelError(update.error)} title="The password was not reset" />
    </FormDialog>
  );
}
