"use client";

import { Plus } from "lucide-react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Select } from "@/components/ui/select.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useCreateLocalExternalKey } from "@/lib/queries/external-keys.ts";
import { ZCreateLocalExternalKeyRequest } from "@/lib/schemas/external-keys.ts";

const USAGES = [
  ["ENCRYPT_DECRYPT", "Encrypt and decrypt (what KMS needs)"],
  ["ENCRYPT", "Encrypt only"],
  ["DECRYPT", "Decrypt only"],
] as const;

/** A new AES-256 key in the local proxy, served on the chosen URI path prefixes (its stores' paths). */
export function CreateExternalKeyForm({ prefixes }: { prefixes: string[] }) {
  const create = useCreateLocalExternalKey();
  const form = useSchemaForm<{ keyId: string; usage: (typeof USAGES)[number][0]; prefixes: string[] }>({
    keyId: "",
    usage: "ENCRYPT_DECRYPT",
    prefixes,
  });
  const { values, errors } = form;
  const chosen = values.prefixes;
  const submit = () => {
    const data = form.check(ZCreateLocalExternalKeyRequest, values);
    if (!data) return;
    create.mutate(data, {
      onSuccess: (k) => {
        toast({ tone: "success", title: `Created external key ${k.keyId}` });
        form.set("keyId", "");
      },
      onError: form.showServerErrors,
    });
  };
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      data-testid="create-external-key-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="External key ID" constraint="1–128 characters: letters, digits, - _ and ." error={errors.keyId}>
          <Input
            value={values.keyId}
            onChange={(e) => form.set("keyId", e.target.value)}
            maxLength={128}
            className="font-mono"
            data-testid="new-external-key-id"
          />
        </Field>
        <Field label="Key usage" description="Key spec: AES_256 (the only spec KMS accepts).">
          <Select value={values.usage} onChange={(e) => form.set("usage", e.target.value as typeof values.usage)}>
            {USAGES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field
        asGroup
        label="Serve it on"
        description="The proxy serves a key only on the URI path prefixes that name it (xks_key_id_set in its settings.toml). An external key store uses the prefix in its URI path."
        error={errors.prefixes}
      >
        <div className="flex flex-col gap-1.5">
          {prefixes.length === 0 ? <p className="text-sm text-muted-foreground">The proxy has no URI path prefixes.</p> : null}
          {prefixes.map((p) => (
            <label key={p} className="flex cursor-pointer items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.includes(p)}
                onChange={(e) => form.set("prefixes", e.target.checked ? [...chosen, p] : chosen.filter((x) => x !== p))}
                className="size-4 accent-[var(--color-link)]"
              />
              <span className="font-mono text-xs [overflow-wrap:anywhere]">{`${p || "(no prefix)"}/kms/xks/v1`}</span>
            </label>
          ))}
        </div>
      </Field>
      <ApiErrorAlert error={formLevelError(create.error)} title="The key was not created" />
      <div>
        <Button type="submit" variant="primary" disabled={create.isPending}>
          <Plus aria-hidden />
          {create.isPending ? "Creating…" : "Create external key"}
        </Button>
      </div>
    </form>
  );
}
