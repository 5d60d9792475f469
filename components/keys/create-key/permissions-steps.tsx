import { Plus, X } from "lucide-react";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import type { CreateKeyStepProps } from "./create-key-form.ts";
import { PrincipalChecklist } from "./principal-checklist.tsx";

type Props = CreateKeyStepProps & { principals: Parameters<typeof PrincipalChecklist>[0]["principals"] };

/** Who may manage the key, and whether they may delete it. */
export function AdminsStep({ form, update, principals }: Omit<Props, "errors">) {
  return (
    <>
      <Field
        asGroup
        label="Key administrators"
        description="Console users who can manage this key through the KMS API (but not use it, unless they are also key users)."
      >
        <PrincipalChecklist
          principals={principals}
          selected={form.keyAdministrators}
          onChange={(a) => update("keyAdministrators", a)}
          label="Key administrator"
        />
      </Field>
      <label className="flex cursor-pointer items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={form.allowAdminsToDelete}
          onChange={(e) => update("allowAdminsToDelete", e.target.checked)}
          className="mt-0.5 size-4 accent-[var(--color-link)]"
        />
        <span>
          <span className="font-bold">Allow key administrators to delete this key</span>
          <span className="block text-xs text-muted-foreground">
            Grants kms:ScheduleKeyDeletion and kms:CancelKeyDeletion to the key administrators.
          </span>
        </span>
      </label>
    </>
  );
}

/** Who may use the key: console users of this account, and other AWS accounts. */
export function UsersStep({ form, update, errors, principals }: Props) {
  return (
    <>
      <Field asGroup label="This account" description="Console users who can use the key in cryptographic operations.">
        <PrincipalChecklist principals={principals} selected={form.keyUsers} onChange={(a) => update("keyUsers", a)} label="Key user" />
      </Field>
      <Field
        asGroup
        label="Other AWS accounts – optional"
        description="Administrators of these accounts can grant their own users the use of this key."
        error={errors.otherAccounts}
      >
        <div className="flex flex-col gap-2">
          {form.otherAccounts.map((id, i) => (
            <div key={i} className="flex items-start gap-2">
              <div className="w-60">
                <Input
                  aria-label={`Other AWS account ID ${i + 1}`}
                  inputMode="numeric"
                  placeholder="123456789012"
                  value={id}
                  className="font-mono"
                  aria-invalid={errors[`otherAccounts.${i}`] ? true : undefined}
                  onChange={(e) =>
                    update(
                      "otherAccounts",
                      form.otherAccounts.map((x, j) => (j === i ? e.target.value : x)),
                    )
                  }
                />
                {errors[`otherAccounts.${i}`] ? (
                  <p className="mt-1 text-xs font-bold text-destructive" data-testid="field-error">
                    {errors[`otherAccounts.${i}`]}
                  </p>
                ) : null}
              </div>
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove account ${i + 1}`}
                onClick={() =>
                  update(
                    "otherAccounts",
                    form.otherAccounts.filter((_, j) => j !== i),
                  )
                }
              >
                <X aria-hidden />
              </Button>
            </div>
          ))}
          <div>
            <Button variant="normal" size="sm" onClick={() => update("otherAccounts", [...form.otherAccounts, ""])}>
              <Plus aria-hidden />
              Add another AWS account
            </Button>
          </div>
        </div>
      </Field>
    </>
  );
}
