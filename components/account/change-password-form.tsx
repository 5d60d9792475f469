"use client";

import { KeyRound } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { validate } from "@/lib/console/zod-fields.ts";
import { useChangePassword } from "@/lib/queries/users.ts";
import { PASSWORD_POLICY, ZChangePasswordRequest } from "@/lib/schemas/users.ts";

const EMPTY = { currentPassword: "", newPassword: "" };

/** Every user: change their own password, with the current one as proof. Their other sessions end. */
export function ChangePasswordForm() {
  const change = useChangePassword();
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = () => {
    const r = validate(ZChangePasswordRequest, form);
    setErrors(r.errors ?? {});
    if (!r.data) return;
    change.mutate(r.data, {
      onSuccess: () => {
        toast({ tone: "success", title: "Password changed", description: "Your other sessions were signed out." });
        setForm(EMPTY);
      },
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
            value={form.currentPassword}
            autoComplete="current-password"
            showLabel="Show current password"
            onChange={(e) => setForm({ ...form, currentPassword: e.target.value })}
          />
        </Field>
        <Field label="New password" constraint={PASSWORD_POLICY} error={errors.newPassword}>
          <PasswordInput
            value={form.newPassword}
            autoComplete="new-password"
            showLabel="Show new password"
            onChange={(e) => setForm({ ...form, newPassword: e.target.value })}
          />
        </Field>
        <ApiErrorAlert error={change.error} title="The password was not changed" />
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
