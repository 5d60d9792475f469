"use client";

import { Pencil, Plus, X } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { canEditKeyLabels } from "@/lib/console/key-label-actions.ts";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useTagKey, useUntagKey } from "@/lib/queries/keys.ts";
import { ZTagKeyRequest } from "@/lib/schemas/key-labels.ts";
import type { KeyState, Tag } from "@/lib/schemas/keys.ts";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";

/** Tags: add (TagResource), edit a value (TagResource on the same key), remove (UntagResource). */
export function KeyTagsTab({ keyId, keyState, tags }: { keyId: string; keyState: KeyState; tags: Tag[] }) {
  const tag = useTagKey(keyId);
  const untag = useUntagKey(keyId);
  const rule = canEditKeyLabels(keyState);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string>();
  // The tag being added or edited; its errors are the request's paths (tags.0.tagKey).
  const form = useSchemaForm<Tag>({ tagKey: "", tagValue: "" });
  const { values: draft, errors } = form;
  const busy = tag.isPending || untag.isPending;

  const open = (mode: "add" | string) => {
    tag.reset();
    untag.reset();
    form.showErrors({});
    if (mode === "add") {
      form.setValues({ tagKey: "", tagValue: "" });
      setEditing(undefined);
      setAdding(true);
    } else {
      form.setValues(tags.find((t) => t.tagKey === mode) ?? { tagKey: mode, tagValue: "" });
      setAdding(false);
      setEditing(mode);
    }
  };
  const close = () => {
    setAdding(false);
    setEditing(undefined);
    form.showErrors({});
  };
  const save = () => {
    const data = form.check(ZTagKeyRequest, { tags: [draft] });
    if (!data) return;
    if (adding && tags.some((t) => t.tagKey === data.tags[0]!.tagKey)) {
      return form.showErrors({ "tags.0.tagKey": "This key already has a tag with this key. Edit its value instead." });
    }
    tag.mutate(data, {
      onSuccess: () => {
        toast({ tone: "success", title: adding ? "Tag added" : "Tag value saved", description: data.tags[0]!.tagKey });
        close();
      },
      onError: form.showServerErrors,
    });
  };
  const remove = (tagKey: string) => {
    tag.reset();
    untag.mutate({ tagKeys: [tagKey] }, { onSuccess: () => toast({ tone: "success", title: "Tag removed", description: tagKey }) });
  };
  const keyError = errors["tags.0.tagKey"] ?? errors.tags;
  const valueError = errors["tags.0.tagValue"];
  const valueInput = <Input value={draft.tagValue} onChange={(e) => form.set("tagValue", e.target.value)} placeholder="Optional" />;
  const formButtons = (
    <div className="flex gap-2">
      <Button variant="link" size="sm" onClick={close} disabled={tag.isPending}>
        Cancel
      </Button>
      <Button type="submit" variant="primary" size="sm" disabled={tag.isPending} data-testid="tag-save">
        {tag.isPending ? "Saving…" : adding ? "Add tag" : "Save"}
      </Button>
    </div>
  );
  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    save();
  };

  return (
    <div className="flex flex-col gap-3" data-testid="key-tags">
      <div className="flex items-center justify-between gap-3">
        <p className="text-xs text-muted-foreground">
          {rule.allowed ? "Tag keys have 1–128 characters, values up to 256; aws: is reserved." : rule.reason}
        </p>
        <GuardedButton rule={rule} variant="normal" size="sm" onClick={() => open("add")} disabled={busy || adding} data-testid="tag-add">
          <Plus aria-hidden />
          Add tag
        </GuardedButton>
      </div>
      <ApiErrorAlert error={formLevelError(tag.error) ?? untag.error} />
      {tags.length ? (
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-border text-xs text-muted-foreground">
              <th scope="col" className="w-1/3 py-2 font-bold">
                Tag key
              </th>
              <th scope="col" className="py-2 font-bold">
                Tag value
              </th>
              <th scope="col" className="w-40 py-2 text-right font-bold">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tags.map((t) => (
              <tr key={t.tagKey} className="border-b border-border align-top last:border-0" data-testid={`tag-row-${t.tagKey}`}>
                <td className="py-2 font-mono text-xs break-all">{t.tagKey}</td>
                <td className="py-2 break-all">
                  {editing === t.tagKey ? (
                    <form noValidate onSubmit={onSubmit} className="flex flex-col gap-2">
                      <Field label={`Value of ${t.tagKey}`} constraint="Up to 256 characters." error={valueError ?? keyError}>
                        {valueInput}
                      </Field>
                      {formButtons}
                    </form>
                  ) : (
                    <span className="font-mono text-xs">{t.tagValue || "—"}</span>
                  )}
                </td>
                <td className="py-1 text-right whitespace-nowrap">
                  {editing === t.tagKey ? null : (
                    <>
                      <GuardedButton
                        rule={rule}
                        variant="link"
                        size="sm"
                        onClick={() => open(t.tagKey)}
                        disabled={busy}
                        aria-label={`Edit tag ${t.tagKey}`}
                      >
                        <Pencil aria-hidden />
                        Edit
                      </GuardedButton>
                      <GuardedButton
                        rule={rule}
                        variant="link"
                        size="sm"
                        onClick={() => remove(t.tagKey)}
                        disabled={busy}
                        aria-label={`Remove tag ${t.tagKey}`}
                      >
                        <X aria-hidden />
                        Remove
                      </GuardedButton>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-muted-foreground">This key has no tags.</p>
      )}
      {adding ? (
        <form noValidate onSubmit={onSubmit} className="flex flex-col gap-3 rounded-lg border border-border p-4" aria-label="Add tag">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="Tag key" constraint="1–128 characters; aws: is reserved." error={keyError}>
              <Input value={draft.tagKey} onChange={(e) => form.set("tagKey", e.target.value)} autoFocus />
            </Field>
            <Field label="Tag value" constraint="Up to 256 characters." error={valueError}>
              {valueInput}
            </Field>
          </div>
          <div className="flex justify-end">{formButtons}</div>
        </form>
      ) : null}
    </div>
  );
}
