"use client";

import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import type { FieldErrors } from "@/lib/console/use-schema-form.ts";

export type ContextPair = { key: string; value: string };

/** Key/value rows for an encryption context, each input labelled for assistive tech. */
export function EncryptionContextEditor({
  pairs,
  onChange,
  errors,
  idPrefix,
}: {
  pairs: ContextPair[];
  onChange: (pairs: ContextPair[]) => void;
  errors: FieldErrors;
  idPrefix: string;
}) {
  return (
    <div className="flex flex-col gap-2">
      {pairs.map((p, i) => (
        <div key={i} className="flex items-start gap-2">
          <div className="flex-1">
            <Input
              aria-label={`${idPrefix} context key ${i + 1}`}
              placeholder="Key"
              value={p.key}
              onChange={(e) => onChange(pairs.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
              aria-invalid={errors[`encryptionContext.${i}.key`] ? true : undefined}
            />
            {errors[`encryptionContext.${i}.key`] ? (
              <p className="mt-1 text-xs font-bold text-destructive" data-testid="field-error">
                {errors[`encryptionContext.${i}.key`]}
              </p>
            ) : null}
          </div>
          <div className="flex-1">
            <Input
              aria-label={`${idPrefix} context value ${i + 1}`}
              placeholder="Value"
              value={p.value}
              onChange={(e) => onChange(pairs.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
            />
          </div>
          <Button
            variant="ghost"
            size="icon"
            aria-label={`Remove ${idPrefix.toLowerCase()} context pair ${i + 1}`}
            onClick={() => onChange(pairs.filter((_, j) => j !== i))}
          >
            <X aria-hidden />
          </Button>
        </div>
      ))}
      <div>
        <Button variant="link" size="sm" onClick={() => onChange([...pairs, { key: "", value: "" }])}>
          <Plus aria-hidden />
          Add context pair
        </Button>
      </div>
      {errors.encryptionContext ? (
        <p className="text-xs font-bold text-destructive" data-testid="field-error">
          {errors.encryptionContext}
        </p>
      ) : null}
    </div>
  );
}
