"use client";

import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useUpdateKeyDescription } from "@/lib/queries/keys.ts";
import { ZUpdateKeyDescriptionRequest } from "@/lib/schemas/key-labels.ts";

/** Edit the key's description (UpdateKeyDescription, 0–8192 characters; empty clears it). */
export function KeyDescriptionDialog({ keyId, description, onClose }: { keyId: string; description: string; onClose: () => void }) {
  const update = useUpdateKeyDescription(keyId);
  const form = useSchemaForm({ description });
  const text = form.values.description;
  const save = () => {
    const data = form.check(ZUpdateKeyDescriptionRequest, form.values);
    if (!data) return;
    update.mutate(data, {
      onSuccess: () => {
        toast({ tone: "success", title: "Description saved" });
        onClose();
      },
      onError: form.showServerErrors,
    });
  };
  return (
    <Dialog
      open
      onClose={onClose}
      busy={update.isPending}
      title="Edit description"
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={update.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="key-description-form" variant="primary" disabled={update.isPending} data-testid="description-save">
            {update.isPending ? "Saving…" : "Save changes"}
          </Button>
        </>
      }
    >
      <form
        id="key-description-form"
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Field
          label="Description"
          constraint={`${text.length} of 8192 characters. Leave it empty to remove the description.`}
          error={form.errors.description}
        >
          <Textarea rows={5} value={text} onChange={(e) => form.set("description", e.target.value)} autoFocus />
        </Field>
        <ApiErrorAlert error={formLevelError(update.error)} />
      </form>
    </Dialog>
  );
}
