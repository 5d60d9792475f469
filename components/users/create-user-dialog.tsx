"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { Select } from "@/components/ui/select.tsx";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { FormDialog } from "@/components/shell/form-dialog.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { validate } from "@/lib/console/zod-fields.ts";
import { useCreateUser } from "@/lib/queries/users.ts";
import type { Role } from "@/lib/schemas/auth.ts";
import { PASSWORD_POLICY, ZCreateUserRequest } from "@/lib/schemas/users.ts";
import { ROLE_DESCRIPTIONS, RoleOptions } from "./role-options.tsx";

/** Admins: a new console user with a role and an initial password (policy shown). */
export function CreateUserDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (userId: string) => void }) {
  const create = useCreateUser();
  const [form, setForm] = useState<{ userName: string; role: Role; password: string }>({ userName: "", role: "operator", password: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const serverFields = isApiError(create.error) ? (create.error.fields ?? {}) : {};
  const fieldError = (k: string) => errors[k] ?? serverFields[k];

  const submit = () => {
    const result = validate(ZCreateUserRequest, form);
    setErrors(result.errors ?? {});
    if (!result.data) return;
    create.mutate(result.data, {
      onSuccess: ({ user }) => {
        toast({ tone: "success", title: `Created user ${user.userName}` });
        onCreated(user.userId);
      },
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
      <Field label="User name" constraint="1–64 characters: letters, digits and + = , . @ _ -" error={fieldError("userName")}>
        <Input value={form.userName} autoComplete="off" onChange={(e) => setForm({ ...form, userName: e.target.value })} />
      </Field>
      <Field label="Role" description={ROLE_DESCRIPTIONS[form.role]}>
        <Select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
          <RoleOptions />
        </Select>
      </Field>
      <Field label="Initial password" constraint={PASSWORD_POLICY} error={fieldError("password")}>
        <PasswordInput value={form.password} autoComplete="new-password" onChange={(e) => setForm({ ...form, password: e.target.value })} />
      </Field>
      {create.error && !Object.keys(serverFields).length ? <ApiErrorAlert error={create.error} title="The user was not created" /> : null}
    </FormDialog>
  );
}
