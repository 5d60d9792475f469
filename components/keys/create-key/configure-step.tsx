import { Field } from "@/components/ui/field.tsx";
import { originLabel } from "@/lib/console/format.ts";
import type { CreateKeyStepProps } from "./create-key-form.ts";

type Props = CreateKeyStepProps & { advanced: boolean; setAdvanced: (open: boolean) => void };

/** Step 1: key type and usage (symmetric only), and the key material origin under Advanced options. */
export function ConfigureStep({ form, update, errors, advanced, setAdvanced }: Props) {
  return (
    <>
      <Field asGroup label="Key type">
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" checked readOnly className="size-4 accent-[var(--color-link)]" /> Symmetric — a single key used to encrypt and
          decrypt
        </label>
      </Field>
      <Field asGroup label="Key usage">
        <label className="flex items-center gap-2 text-sm">
          <input type="radio" checked readOnly className="size-4 accent-[var(--color-link)]" /> Encrypt and decrypt
        </label>
      </Field>
      <div className="rounded-lg border border-border">
        <button
          type="button"
          aria-expanded={advanced}
          onClick={() => setAdvanced(!advanced)}
          className="flex w-full cursor-pointer items-center gap-2 px-4 py-2.5 text-left text-sm font-bold"
        >
          <span aria-hidden>{advanced ? "▾" : "▸"}</span> Advanced options
        </button>
        {advanced ? (
          <div className="border-t border-border px-4 py-3">
            <Field asGroup label="Key material origin" error={errors.origin}>
              <div role="radiogroup" aria-label="Key material origin" className="flex flex-col gap-2 text-sm">
                {(
                  [
                    ["AWS_KMS", "KMS — recommended", "KMS creates and manages the key material."],
                    [
                      "AWS_CLOUDHSM",
                      "AWS CloudHSM key store",
                      "KMS creates the key material in the cluster of a custom key store you own.",
                    ],
                    [
                      "EXTERNAL_KEY_STORE",
                      "External key store (XKS)",
                      "KMS uses key material it creates and an external key in your external key manager, outside AWS: every ciphertext needs both.",
                    ],
                  ] as const
                ).map(([value, label, hint]) => (
                  <label key={value} className="flex cursor-pointer items-start gap-2">
                    <input
                      type="radio"
                      name="origin"
                      value={value}
                      checked={form.origin === value}
                      onChange={() => update("origin", value)}
                      className="mt-0.5 size-4 accent-[var(--color-link)]"
                    />
                    <span>
                      <span className="font-bold">{label}</span>
                      <span className="block text-xs text-muted-foreground">{hint}</span>
                    </span>
                  </label>
                ))}
              </div>
            </Field>
            <p className="mt-3 text-xs text-muted-foreground">
              Regionality: single-Region key. Keys in a custom key store cannot be multi-Region.
            </p>
          </div>
        ) : (
          <p className="border-t border-border px-4 py-2 text-xs text-muted-foreground">Key material origin: {originLabel(form.origin)}</p>
        )}
      </div>
    </>
  );
}
