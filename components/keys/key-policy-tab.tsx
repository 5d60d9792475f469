"use client";

import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { usePutKeyPolicy } from "@/lib/queries/keys.ts";
import { ZPutKeyPolicyRequest } from "@/lib/schemas/keys.ts";

function pretty(policy: string): string {
  try {
    return JSON.stringify(JSON.parse(policy), null, 2);
  } catch {
    return policy;
  }
}

/** The key policy: shown as JSON; Edit validates it here and KMS checks it again (syntax, lockout). */
export function KeyPolicyTab({ keyId, policy }: { keyId: string; policy: string | null }) {
  const put = usePutKeyPolicy(keyId);
  const [editing, setEditing] = useState(false);
  const form = useSchemaForm({ policy: "" });
  if (policy === null)
    return <p className="text-muted-foreground">You are not allowed to read this key&apos;s policy (kms:GetKeyPolicy).</p>;
  if (!editing) {
    return (
      <div className="flex flex-col gap-3">
        <div className="flex justify-end">
          <Button
            variant="normal"
            size="sm"
            onClick={() => {
              form.setValues({ policy: pretty(policy) });
              form.showErrors({});
              put.reset();
              setEditing(true);
            }}
          >
            Edit
          </Button>
        </div>
        <pre className="relative max-h-[28rem] overflow-auto rounded-lg bg-muted p-3 font-mono text-xs leading-5" data-testid="key-policy">
          {pretty(policy)}
        </pre>
      </div>
    );
  }
  const save = () => {
    const data = form.check(ZPutKeyPolicyRequest, form.values);
    if (!data) return;
    put.mutate(data.policy, {
      onSuccess: () => {
        toast({ tone: "success", title: "Key policy saved" });
        setEditing(false);
      },
      onError: form.showServerErrors,
    });
  };
  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Field
        label="Key policy (JSON)"
        constraint="At most 32 KB. KMS refuses a policy that would stop you from changing it again."
        error={form.errors.policy}
      >
        <Textarea
          rows={18}
          value={form.values.policy}
          onChange={(e) => form.set("policy", e.target.value)}
          className="font-mono text-xs leading-5"
          spellCheck={false}
        />
      </Field>
      <ApiErrorAlert error={formLevelError(put.error)} />
      <div className="flex justify-end gap-2">
        <Button variant="link" onClick={() => setEditing(false)} disabled={put.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="primary" disabled={put.isPending}>
          {put.isPending ? "Saving…" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
