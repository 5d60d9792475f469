"use client";

import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { canEditKeyLabels } from "@/lib/console/key-label-actions.ts";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useCreateAlias, useDeleteAlias } from "@/lib/queries/keys.ts";
import { ZCreateAliasRequest } from "@/lib/schemas/key-labels.ts";
import type { KeyState } from "@/lib/schemas/keys.ts";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";

/** Aliases: create one (CreateAlias; not while pending deletion) and delete one after confirming (DeleteAlias, any state). */
export function KeyAliasesTab({ keyId, keyState, aliases }: { keyId: string; keyState: KeyState; aliases: string[] }) {
  const create = useCreateAlias(keyId);
  const rule = canEditKeyLabels(keyState);
  const [adding, setAdding] = useState(false);
  const form = useSchemaForm({ aliasName: "" });
  const [deleting, setDeleting] = useState<string>();

  const save = () => {
    const data = form.check(ZCreateAliasRequest, form.values);
    if (!data) return;
    create.mutate(
      { aliasName: data.aliasName },
      {
        onSuccess: () => {
          toast({ tone: "success", title: "Alias created", description: `alias/${data.aliasName}` });
          setAdding(false);
        },
        onError: form.showServerErrors,
      },
    );
  };

  return (
    <div className="flex flex-col gap-3" data-testid="key-aliases">
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-muted-foreground">
          {rule.allowed ? "An alias names one key; an application can use it in place of the key ID." : rule.reason}
        </p>
        <GuardedButton
          rule={rule}
          variant="normal"
          size="sm"
          disabled={adding}
          onClick={() => {
            form.setValues({ aliasName: "" });
            form.showErrors({});
            create.reset();
            setAdding(true);
          }}
          data-testid="alias-add"
        >
          <Plus aria-hidden />
          Create alias
        </GuardedButton>
      </div>
      {aliases.length ? (
        <ul className="flex flex-col divide-y divide-border">
          {aliases.map((a) => (
            <li key={a} className="flex items-center justify-between gap-3 py-1.5" data-testid={`alias-row-${a}`}>
              <span className="font-mono text-sm break-all">{a}</span>
              <Button variant="link" size="sm" onClick={() => setDeleting(a)} aria-label={`Delete alias ${a}`}>
                <Trash2 aria-hidden />
                Delete
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-muted-foreground">This key has no aliases.</p>
      )}
      {adding ? (
        <form
          noValidate
          aria-label="Create alias"
          className="flex flex-col gap-3 rounded-lg border border-border p-4"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <Field
            label="Alias name"
            description="alias/ is added in front of the name."
            constraint="Up to 250 characters: letters, digits, slashes (/), underscores (_) and dashes (-). alias/aws/ is reserved for AWS managed keys."
            error={form.errors.aliasName}
          >
            <Input
              value={form.values.aliasName}
              onChange={(e) => form.set("aliasName", e.target.value)}
              placeholder="my-application/orders"
              autoFocus
            />
          </Field>
          <ApiErrorAlert error={formLevelError(create.error)} />
          <div className="flex justify-end gap-2">
            <Button variant="link" size="sm" onClick={() => setAdding(false)} disabled={create.isPending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" size="sm" disabled={create.isPending} data-testid="alias-save">
              {create.isPending ? "Creating…" : "Create alias"}
            </Button>
          </div>
        </form>
      ) : null}
      {deleting ? <DeleteAliasDialog keyId={keyId} aliasName={deleting} onClose={() => setDeleting(undefined)} /> : null}
    </div>
  );
}

function DeleteAliasDialog({ keyId, aliasName, onClose }: { keyId: string; aliasName: string; onClose: () => void }) {
  const del = useDeleteAlias(keyId);
  return (
    <Dialog
      open
      onClose={onClose}
      busy={del.isPending}
      title="Delete alias"
      description="Applications that refer to the key by this alias stop finding it. The key itself is not changed."
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={del.isPending}>
            Cancel
          </Button>
          <Button
            variant="destructive"
            disabled={del.isPending}
            data-testid="alias-delete-confirm"
            onClick={() =>
              del.mutate(
                { aliasName },
                {
                  onSuccess: () => {
                    toast({ tone: "success", title: "Alias deleted", description: aliasName });
                    onClose();
                  },
                },
              )
            }
          >
            <Trash2 aria-hidden />
            {del.isPending ? "Deleting…" : "Delete alias"}
          </Button>
        </>
      }
    >
      <p>
        Delete <span className="font-mono font-bold">{aliasName}</span>?
      </p>
      <div className="mt-3">
        <ApiErrorAlert error={del.error} />
      </div>
    </Dialog>
  );
}
