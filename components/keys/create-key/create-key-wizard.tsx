"use client";

import { Plus, RotateCcw, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { WizardLayout, type WizardStep } from "@/components/shell/wizard-layout.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button, buttonVariants } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { CREATE_KEY_ERROR_HELP } from "@/lib/console/create-key-errors.ts";
import { originLabel } from "@/lib/console/format.ts";
import { validate } from "@/lib/console/zod-fields.ts";
import { buildKeyPolicy } from "@/lib/key-policy.ts";
import { useCreateKey, usePrincipals } from "@/lib/queries/keys.ts";
import { useMe } from "@/lib/queries/me.ts";
import { ZCreateKeyRequest, ZKeyAdminsStep, ZKeyConfigureStep, ZKeyLabelsStep, ZKeyReviewStep, ZKeyStoreStep, ZKeyUsersStep, type Tag } from "@/lib/schemas/keys.ts";
import { cn } from "@/lib/utils.ts";
import { PrincipalChecklist } from "./principal-checklist.tsx";
import { StorePicker } from "./store-picker.tsx";
import { TagsEditor } from "./tags-editor.tsx";

type StepKey = "configure" | "store" | "labels" | "admins" | "users" | "review";

const STEP_TITLES: Record<StepKey, string> = {
  configure: "Configure key",
  store: "Choose a custom key store",
  labels: "Add labels",
  admins: "Define key administrative permissions",
  users: "Define key usage permissions",
  review: "Review",
};

const STEP_SCHEMAS = {
  configure: ZKeyConfigureStep,
  store: ZKeyStoreStep,
  labels: ZKeyLabelsStep,
  admins: ZKeyAdminsStep,
  users: ZKeyUsersStep,
  review: ZKeyReviewStep,
} as const;

const STEP_OF_FIELD: Record<string, StepKey> = { origin: "configure", customKeyStoreId: "store", alias: "labels", description: "labels", tags: "labels", policy: "review" };

type Form = {
  origin: "AWS_KMS" | "AWS_CLOUDHSM";
  customKeyStoreId: string;
  alias: string;
  description: string;
  tags: Tag[];
  keyAdministrators: string[];
  allowAdminsToDelete: boolean;
  keyUsers: string[];
  otherAccounts: string[];
  policy: string;
};

/** The key-creation wizard: each step validates its own fields; Back keeps what was entered; Finish opens the new key. */
export function CreateKeyWizard({ initialOrigin, initialStore }: { initialOrigin?: "AWS_KMS" | "AWS_CLOUDHSM"; initialStore?: string }) {
  const router = useRouter();
  const { data: me } = useMe();
  const principals = usePrincipals();
  const create = useCreateKey();
  const [form, setForm] = useState<Form>({
    origin: initialOrigin ?? "AWS_KMS",
    customKeyStoreId: initialStore ?? "",
    alias: "",
    description: "",
    tags: [],
    keyAdministrators: me ? [me.principalArn] : [],
    allowAdminsToDelete: true,
    keyUsers: me ? [me.principalArn] : [],
    otherAccounts: [],
    policy: "",
  });
  const [policyEdited, setPolicyEdited] = useState(false);
  const [advanced, setAdvanced] = useState(initialOrigin === "AWS_CLOUDHSM");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const steps: StepKey[] = form.origin === "AWS_CLOUDHSM" ? ["configure", "store", "labels", "admins", "users", "review"] : ["configure", "labels", "admins", "users", "review"];
  const [index, setIndex] = useState(0);
  const step = steps[Math.min(index, steps.length - 1)]!;
  const update = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const generated = () =>
    buildKeyPolicy({
      accountId: me?.accountId ?? principals.data?.accountId ?? "111122223333",
      keyAdministrators: form.keyAdministrators,
      allowAdminsToDelete: form.allowAdminsToDelete,
      keyUsers: form.keyUsers,
      otherAccounts: form.otherAccounts,
    });

  const goTo = (i: number) => {
    const target = steps[i];
    if (target === "review" && !policyEdited) update("policy", generated());
    setIndex(i);
  };
  const next = () => {
    const v = validate(STEP_SCHEMAS[step], form);
    if (v.errors) return setErrors(v.errors);
    setErrors({});
    goTo(index + 1);
  };
  const finish = () => {
    const v = validate(ZCreateKeyRequest, { ...form, customKeyStoreId: form.origin === "AWS_CLOUDHSM" ? form.customKeyStoreId : undefined });
    if (v.errors) return setErrors(v.errors);
    setErrors({});
    create.mutate(v.data, {
      onSuccess: ({ keyId }) => {
        toast({ tone: "success", title: `Created key alias/${v.data.alias}` });
        router.push(`/keys/${keyId}`);
      },
      onError: (e) => {
        if (!isApiError(e) || !e.fields) return;
        setErrors(e.fields);
        const s = Object.keys(e.fields).map((f) => STEP_OF_FIELD[f]).find((x): x is StepKey => !!x && x !== "review" && x !== "store");
        if (s) setIndex(steps.indexOf(s));
      },
    });
  };

  const last = step === "review";
  const createError = create.error && isApiError(create.error) ? create.error : null;
  const help = createError ? CREATE_KEY_ERROR_HELP[createError.code] : undefined;
  return (
    <WizardLayout
      steps={steps.map((k): WizardStep => ({ key: k, title: STEP_TITLES[k], optional: k === "admins" || k === "users" }))}
      current={index}
      onStepClick={(i) => i < index && goTo(i)}
      footer={
        <>
          <Link href="/keys" className={buttonVariants({ variant: "link" })}>
            Cancel
          </Link>
          {index > 0 ? (
            <Button variant="normal" onClick={() => setIndex(index - 1)} disabled={create.isPending}>
              Previous
            </Button>
          ) : null}
          {last ? (
            <Button variant="primary" onClick={finish} disabled={create.isPending}>
              {create.isPending ? "Creating key…" : "Finish"}
            </Button>
          ) : (
            <Button variant="primary" onClick={next}>
              Next
            </Button>
          )}
        </>
      }
    >
      <form
        noValidate
        className="flex flex-col gap-5"
        onSubmit={(e) => {
          e.preventDefault();
          if (last) finish();
          else next();
        }}
      >
        {step === "configure" ? (
          <>
            <Field asGroup label="Key type">
              <label className="flex items-center gap-2 text-sm">
                <input type="radio" checked readOnly className="size-4 accent-[var(--color-link)]" /> Symmetric — a single key used to encrypt and decrypt
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
                          ["AWS_CLOUDHSM", "AWS CloudHSM key store", "KMS creates the key material in the cluster of a custom key store you own."],
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
                      <label className="flex cursor-not-allowed items-start gap-2 text-muted-foreground">
                        <input type="radio" disabled className="mt-0.5 size-4" />
                        <span>
                          <span className="font-bold">External key store</span>
                          <span className="block text-xs">Not available in this version of Keyhold yet.</span>
                        </span>
                      </label>
                    </div>
                  </Field>
                  <p className="mt-3 text-xs text-muted-foreground">Regionality: single-Region key. Keys in a custom key store cannot be multi-Region.</p>
                </div>
              ) : (
                <p className="border-t border-border px-4 py-2 text-xs text-muted-foreground">Key material origin: {originLabel(form.origin)}</p>
              )}
            </div>
          </>
        ) : null}

        {step === "store" ? (
          <Field asGroup label="AWS CloudHSM key store" error={errors.customKeyStoreId}>
            <StorePicker value={form.customKeyStoreId} onChange={(id) => update("customKeyStoreId", id)} error={errors.customKeyStoreId} />
          </Field>
        ) : null}

        {step === "labels" ? (
          <>
            <Field label="Alias" description="A friendly name for the key; you can use it instead of the key ID." constraint="Letters, digits, / _ - ; up to 250 characters; not beginning with aws/." error={errors.alias} inputId="key-alias">
              <div className="flex items-center">
                <span className="flex h-8 items-center rounded-l-md border border-r-0 border-input bg-muted px-2 font-mono text-xs text-muted-foreground">alias/</span>
                <Input value={form.alias} onChange={(e) => update("alias", e.target.value)} className="rounded-l-none font-mono" id="key-alias" aria-invalid={errors.alias ? true : undefined} autoFocus />
              </div>
            </Field>
            <Field label="Description – optional" error={errors.description}>
              <Textarea rows={2} value={form.description} onChange={(e) => update("description", e.target.value)} />
            </Field>
            <Field asGroup label="Tags – optional" description="Up to 50 key/value pairs." error={undefined}>
              <TagsEditor tags={form.tags} onChange={(t) => update("tags", t)} errors={errors} />
            </Field>
          </>
        ) : null}

        {step === "admins" ? (
          <>
            <Field asGroup label="Key administrators" description="Console users who can manage this key through the KMS API (but not use it, unless they are also key users).">
              <PrincipalChecklist principals={principals.data?.principals} selected={form.keyAdministrators} onChange={(a) => update("keyAdministrators", a)} label="Key administrator" />
            </Field>
            <label className="flex cursor-pointer items-start gap-2 text-sm">
              <input type="checkbox" checked={form.allowAdminsToDelete} onChange={(e) => update("allowAdminsToDelete", e.target.checked)} className="mt-0.5 size-4 accent-[var(--color-link)]" />
              <span>
                <span className="font-bold">Allow key administrators to delete this key</span>
                <span className="block text-xs text-muted-foreground">Grants kms:ScheduleKeyDeletion and kms:CancelKeyDeletion to the key administrators.</span>
              </span>
            </label>
          </>
        ) : null}

        {step === "users" ? (
          <>
            <Field asGroup label="This account" description="Console users who can use the key in cryptographic operations.">
              <PrincipalChecklist principals={principals.data?.principals} selected={form.keyUsers} onChange={(a) => update("keyUsers", a)} label="Key user" />
            </Field>
            <Field asGroup label="Other AWS accounts – optional" description="Administrators of these accounts can grant their own users the use of this key." error={errors.otherAccounts}>
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
                        onChange={(e) => update("otherAccounts", form.otherAccounts.map((x, j) => (j === i ? e.target.value : x)))}
                      />
                      {errors[`otherAccounts.${i}`] ? (
                        <p className="mt-1 text-xs font-bold text-destructive" data-testid="field-error">
                          {errors[`otherAccounts.${i}`]}
                        </p>
                      ) : null}
                    </div>
                    <Button variant="ghost" size="icon" aria-label={`Remove account ${i + 1}`} onClick={() => update("otherAccounts", form.otherAccounts.filter((_, j) => j !== i))}>
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
        ) : null}

        {step === "review" ? (
          <>
            <KeyValueGrid className="lg:grid-cols-3">
              <KeyValue label="Key type">Symmetric</KeyValue>
              <KeyValue label="Key usage">Encrypt and decrypt</KeyValue>
              <KeyValue label="Origin">{originLabel(form.origin)}</KeyValue>
              {form.origin === "AWS_CLOUDHSM" ? (
                <KeyValue label="Custom key store ID">
                  <span className="font-mono text-xs">{form.customKeyStoreId}</span>
                </KeyValue>
              ) : null}
              <KeyValue label="Alias">alias/{form.alias.replace(/^alias\//, "")}</KeyValue>
              <KeyValue label="Description">{form.description || "—"}</KeyValue>
              <KeyValue label="Tags">{form.tags.length ? form.tags.map((t) => `${t.tagKey}=${t.tagValue}`).join(", ") : "—"}</KeyValue>
            </KeyValueGrid>
            <Field
              label="Key policy"
              description="Generated from your choices; you can edit it. This is exactly the policy KMS will get."
              constraint="JSON, at most 32 KB. KMS refuses a policy that would stop you from managing the key."
              error={errors.policy}
            >
              <Textarea
                rows={16}
                value={form.policy}
                spellCheck={false}
                className="font-mono text-xs leading-5"
                data-testid="policy-editor"
                onChange={(e) => {
                  setPolicyEdited(true);
                  update("policy", e.target.value);
                }}
              />
            </Field>
            {policyEdited ? (
              <div>
                <Button
                  variant="link"
                  size="sm"
                  onClick={() => {
                    setPolicyEdited(false);
                    update("policy", generated());
                    setErrors({});
                  }}
                >
                  <RotateCcw aria-hidden />
                  Reset to the generated policy
                </Button>
              </div>
            ) : null}
            {createError ? (
              <Alert tone="error" title={`The key was not created: ${createError.code}`} data-testid="create-key-error">
                <p>{createError.message}</p>
                {help ? (
                  <>
                    <p className="mt-1">
                      <span className="font-bold">Cause. </span>
                      {help.cause}
                    </p>
                    <p className="mt-1">
                      <span className="font-bold">Fix. </span>
                      {help.fix}
                    </p>
                  </>
                ) : null}
                {createError.requestId ? <p className="mt-1 font-mono text-xs text-muted-foreground">Request ID: {createError.requestId}</p> : null}
              </Alert>
            ) : create.error ? (
              <Alert tone="error">An unexpected error occurred in the browser.</Alert>
            ) : null}
          </>
        ) : null}
        <button type="submit" hidden className={cn()} />
      </form>
    </WizardLayout>
  );
}
