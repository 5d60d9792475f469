"use client";

import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { validate } from "@/lib/console/zod-fields.ts";
import { useUpdateKeyDescription } from "@/lib/queries/keys.ts";
import { ZUpdateKeyDescriptionRequest } from "@/lib/schemas/key-labels.ts";

/** Edit the key's description (UpdateKeyDescription, 0–8192 characters; empty clears it). */
export function KeyDescriptionDialog({ keyId, description, onClose }: { keyId: string; description: string; onClose: () => void }) {
  const update = useUpdateKeyDescription(keyId);
  const [text, setText] = useState(description);
  const [error, setError] = useState<string>();
  const save = () => {
    const v = validate(ZUpdateKeyDescriptionRequest, { description: text });
    if (v.errors) return setError(v.errors.description);
    setError(undefined);
    update.mutate(v.data, {
      onSuccess: () => {
        toast({ tone: "success", title: "Description saved" });
        onClose();
      },
      onError: (e) => isApiError(e) && e.fields?.description && setError(e.fields.description),
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
          error={error}
        >
          <Textarea rows={5} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
        </Field>
        <ApiErrorAlert error={update.error && !(isApiError(update.error) && update.error.fields) ? update.error : null} />
      </form>
    </Dialog>
  );
}
