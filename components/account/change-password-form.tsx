"use client";

import { KeyRound } from "lucide-react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useChangePassword } from "@/lib/queries/users.ts";
import { PASSWORD_POLICY, ZChangePasswordRequest } from "@/lib/schemas/users.ts";

const EMPTY = { currentPassword: "", newPassword: "" };

/** Every user: change their own password, with the current one as proof. Their other sessions end. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const form = useSchemaForm(EMPTY);
  const { values, errors } = form;
  const submit = () => {
    const data = form.check(ZChangePasswordRequest, values);
    if (!data) return;
    change.mutate(data, {
      onSuccess: () => {
        toast({ tone: "success", title: "Password changed", description: "Your other sessions were signed out." });
        form.setValues(EMPTY);
      },
      onError: form.showServerErrors,
    });
  };
  return (
    <SectionCard title="Password" description="Changing it signs out your other browser sessions. Access keys are not affected.">
      <form
        noValidate
        className="flex max-w-md flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Field label="Current password" error={errors.currentPassword}>
          <PasswordInput
            value={values.currentPassword}
            autoComplete="current-password"
            showLabel="Show current password"
            onChange={(e) => form.set("currentPassword", e.target.value)}
          />
        </Field>
        <Field label="New password" constraint={PASSWORD_POLICY} error={errors.newPassword}>
          <PasswordInput
            value={values.newPassword}
            autoComplete="new-password"
            showLabel="Show new password"
            onChange={(e) => form.set("newPassword", e.target.value)}
          />
        </Field>
        <ApiErrorAlert error={formLevelError(change.error)} title="The password was not changed" />
        <div>
          <Button type="submit" variant="primary" disabled={change.isPending}>
            <KeyRound aria-hidden />
            {change.isPending ? "Changing…" : "Change password"}
          </Button>
        </div>
      </form>
    </SectionCard>
  );
}
