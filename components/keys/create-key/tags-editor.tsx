"use client";

import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import type { FieldErrors } from "@/lib/console/use-schema-form.ts";
import type { Tag } from "@/lib/schemas/keys.ts";

/** Tag key/value rows, with the field errors of each row beside it. */
export function TagsEditor({ tags, onChange, errors }: { tags: Tag[]; onChange: (tags: Tag[]) => void; errors: FieldErrors }) {
  return (
    <div className="flex flex-col gap-2">
      {tags.map((t, i) => (
        <div key={i} className="flex items-start gap-2">
          <div className="flex-1">
            <Input
              aria-label={`Tag key ${i + 1}`}
              placeholder="Tag key"
              value={t.tagKey}
              aria-invalid={errors[`tags.${i}.tagKey`] ? true : undefined}
              onChange={(e) => onChange(tags.map((x, j) => (j === i ? { ...x, tagKey: e.target.value } : x)))}
            />
            {errors[`tags.${i}.tagKey`] ? (
              <p className="mt-1 text-xs font-bold text-destructive" data-testid="field-error">
                {errors[`tags.${i}.tagKey`]}
              </p>
            ) : null}
          </div>
          <div className="flex-1">
            <Input
              aria-label={`Tag value ${i + 1}`}
              placeholder="Tag value (optional)"
              value={t.tagValue}
              onChange={(e) => onChange(tags.map((x, j) => (j === i ? { ...x, tagValue: e.target.value } : x)))}
            />
          </div>
          <Button variant="ghost" size="icon" aria-label={`Remove tag ${i + 1}`} onClick={() => onChange(tags.filter((_, j) => j !== i))}>
            <X aria-hidden />
          </Button>
        </div>
      ))}
      <div>
        <Button variant="normal" size="sm" onClick={() => onChange([...tags, { tagKey: "", tagValue: "" }])}>
          <Plus aria-hidden />
          Add tag
        </Button>
      </div>
      {errors.tags ? (
        <p className="text-xs font-bold text-destructive" data-testid="field-error">
          {errors.tags}
        </p>
      ) : null}
    </div>
  );
}
