"use client";

import { UserPlus } from "lucide-react";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { Select } from "@/components/ui/select.tsx";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { FormDialog } from "@/components/shell/form-dialog.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useCreateUser } from "@/lib/queries/users.ts";
import type { Role } from "@/lib/schemas/auth.ts";
import { PASSWORD_POLICY, ZCreateUserRequest } from "@/lib/schemas/users.ts";
import { ROLE_DESCRIPTIONS, RoleOptions } from "./role-options.tsx";

/** Admins: a new console user with a role and an initial password (policy shown). */
export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (userId: string) => void }) {
  const create = useCreateUser();
  const form = useSchemaForm<{ userName: string; role: Role; password: string }>({ userName: "", role: "operator", password: "" });
  const { values, errors } = form;

  const submit = () => {
    const data = form.check(ZCreateUserRequest, values);
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ user }) => {
        toast({ tone: "success", title: `Created user ${user.userName}` });
        onCreated(user.userId);
      },
      onError: form.showServerErrors,
    });
  };

  return (
    <FormDialog
      onClose={onClose}
      onSubmit={submit}
      pending={create.isPending}
      title="Create user"
      description="A console user with a role. Give them the initial password yourself; they can change it under My account."
      icon={UserPlus}
      submitLabel="Create user"
      pendingLabel="Creating…"
    >
      <Field label="User name" constraint="1–64 characters: letters, digits and + = , . @ _ -" error={errors.userName}>
        <Input value={values.userName} autoComplete="off" onChange={(e) => form.set("userName", e.target.value)} />
      </Field>
      <Field label="Role" description={ROLE_DESCRIPTIONS[values.role]}>
        <Select value={values.role} onChange={(e) => form.set("role", e.target.value as Role)}>
          <RoleOptions />
        </Select>
      </Field>
      <Field label="Initial password" constraint={PASSWORD_POLICY} error={errors.password}>
        <PasswordInput value={values.password} autoComplete="new-password" onChange={(e) => form.set("password", e.target.value)} />
      </Field>
      {formLevelError(create.error) ? <ApiErrorAlert error={create.error} title="The user was not created" /> : null}
    </FormDialog>
  );
}
