import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import type { CreateKeyStepProps } from "./create-key-form.ts";
import { TagsEditor } from "./tags-editor.tsx";

/** Alias, description and tags. */
export function LabelsStep({ form, update, errors }: CreateKeyStepProps) {
  return (
    <>
      <Field
        label="Alias"
        description="A friendly name for the key; you can use it instead of the key ID."
        constraint="Letters, digits, / _ - ; up to 250 characters; not beginning with aws/."
        error={errors.alias}
      >
        {(control) => (
          <div className="flex items-center">
            <span className="flex h-8 items-center rounded-l-md border border-r-0 border-input bg-muted px-2 font-mono text-xs text-muted-foreground">
              alias/
            </span>
            <Input {...control} value={form.alias} onChange={(e) => update("alias", e.target.value)} className="rounded-l-none font-mono" />
          </div>
        )}
      </Field>
      <Field label="Description – optional" error={errors.description}>
        <Textarea rows={2} value={form.description} onChange={(e) => update("description", e.target.value)} />
      </Field>
      <Field asGroup label="Tags – optional" description="Up to 50 key/value pairs." error={undefined}>
        <TagsEditor tags={form.tags} onChange={(t) => update("tags", t)} errors={errors} />
      </Field>
    </>
  );
}
