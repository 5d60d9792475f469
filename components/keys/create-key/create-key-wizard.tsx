"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { WizardLayout, type WizardStep } from "@/components/shell/wizard-layout.tsx";
import { Field } from "@/components/ui/field.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { validate } from "@/lib/console/zod-fields.ts";
import { buildKeyPolicy } from "@/lib/key-policy.ts";
import { useCreateKey, usePrincipals } from "@/lib/queries/keys.ts";
import { useMe } from "@/lib/queries/me.ts";
import {
  ZCreateKeyRequest,
  ZKeyAdminsStep,
  ZKeyConfigureStep,
  ZKeyLabelsStep,
  ZKeyReviewStep,
  ZKeyStoreStep,
  ZKeyUsersStep,
  ZKeyXksStep,
} from "@/lib/schemas/keys.ts";
import { ConfigureStep } from "./configure-step.tsx";
import type { CreateKeyForm, CreateKeyStepProps } from "./create-key-form.ts";
import { LabelsStep } from "./labels-step.tsx";
import { AdminsStep, UsersStep } from "./permissions-steps.tsx";
import { ReviewStep } from "./review-step.tsx";
import { StorePicker } from "./store-picker.tsx";
import { XksStoreStep } from "./xks-store-step.tsx";

type StepKey = "configure" | "store" | "xks" | "labels" | "admins" | "users" | "review";
type Origin = CreateKeyForm["origin"];

const STEP_TITLES: Record<StepKey, string> = {
  configure: "Configure key",
  store: "Choose a custom key store",
  xks: "Choose an external key store and key",
  labels: "Add labels",
  admins: "Define key administrative permissions",
  users: "Define key usage permissions",
  review: "Review",
};

const STEP_SCHEMAS = {
  configure: ZKeyConfigureStep,
  store: ZKeyStoreStep,
  xks: ZKeyXksStep,
  labels: ZKeyLabelsStep,
  admins: ZKeyAdminsStep,
  users: ZKeyUsersStep,
  review: ZKeyReviewStep,
} as const;

const STEP_OF_FIELD: Record<string, StepKey> = {
  origin: "configure",
  customKeyStoreId: "store",
  xksKeyId: "xks",
  alias: "labels",
  description: "labels",
  tags: "labels",
  policy: "review",
};

const STEPS_OF_ORIGIN: Record<Origin, StepKey[]> = {
  AWS_KMS: ["configure", "labels", "admins", "users", "review"],
  AWS_CLOUDHSM: ["configure", "store", "labels", "admins", "users", "review"],
  EXTERNAL_KEY_STORE: ["configure", "xks", "labels", "admins", "users", "review"],
};

/** The key-creation wizard: each step validates its own fields; Back keeps what was entered; Finish opens the new key. */
export function CreateKeyWizard({ initialOrigin, initialStore }: { initialOrigin?: Origin; initialStore?: string }) {
  const router = useRouter();
  const { data: me } = useMe();
  const principals = usePrincipals();
  const create = useCreateKey();
  const [form, setForm] = useState<CreateKeyForm>({
    origin: initialOrigin ?? "AWS_KMS",
    customKeyStoreId: initialStore ?? "",
    xksKeyId: "",
    xksConfirmed: false,
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
  const [advanced, setAdvanced] = useState(!!initialOrigin && initialOrigin !== "AWS_KMS");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const steps = STEPS_OF_ORIGIN[form.origin];
  const [index, setIndex] = useState(0);
  const step = steps[Math.min(index, steps.length - 1)]!;
  const update: CreateKeyStepProps["update"] = (k, v) =>
    // A store of the other kind does not carry over when the origin changes.
    setForm((f) => ({ ...f, [k]: v, ...(k === "origin" && v !== f.origin ? { customKeyStoreId: "" } : {}) }));
  const generated = () =>
    buildKeyPolicy({
      accountId: me?.accountId ?? principals.data?.accountId ?? "111122223333",
      keyAdministrators: form.keyAdministrators,
      allowAdminsToDelete: form.allowAdminsToDelete,
      keyUsers: form.keyUsers,
      otherAccounts: form.otherAccounts,
    });

  const stepProps: CreateKeyStepProps = { form, update, errors };

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
    const v = validate(ZCreateKeyRequest, {
      ...form,
      customKeyStoreId: form.origin !== "AWS_KMS" ? form.customKeyStoreId : undefined,
      xksKeyId: form.origin === "EXTERNAL_KEY_STORE" ? form.xksKeyId.trim() : undefined,
    });
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
        const s = Object.keys(e.fields)
          .map((f) => (f.startsWith("tags") ? "labels" : STEP_OF_FIELD[f]))
          // Store and external key errors stay on the review, which explains them (cause, fix, exception name).
          .find((x): x is StepKey => !!x && x !== "review" && x !== "store" && x !== "xks");
        if (s) setIndex(steps.indexOf(s));
      },
    });
  };

  return (
    <WizardLayout
      steps={steps.map((k): WizardStep => ({ key: k, title: STEP_TITLES[k], optional: k === "admins" || k === "users" }))}
      current={index}
      onStepClick={(i) => i < index && goTo(i)}
      cancelHref="/keys"
      onPrevious={() => setIndex(index - 1)}
      onNext={next}
      onSubmit={finish}
      submitLabel="Finish"
      pendingLabel="Creating key…"
      pending={create.isPending}
    >
      {step === "configure" ? <ConfigureStep {...stepProps} advanced={advanced} setAdvanced={setAdvanced} /> : null}
      {step === "store" ? (
        <Field asGroup label="AWS CloudHSM key store" error={errors.customKeyStoreId}>
          <StorePicker value={form.customKeyStoreId} onChange={(id) => update("customKeyStoreId", id)} error={errors.customKeyStoreId} />
        </Field>
      ) : null}
      {step === "xks" ? <XksStoreStep {...stepProps} /> : null}
      {step === "labels" ? <LabelsStep {...stepProps} /> : null}
      {step === "admins" ? <AdminsStep {...stepProps} principals={principals.data?.principals} /> : null}
      {step === "users" ? <UsersStep {...stepProps} principals={principals.data?.principals} /> : null}
      {step === "review" ? (
        <ReviewStep
          form={form}
          errors={errors}
          policyEdited={policyEdited}
          onPolicyChange={(policy) => {
            setPolicyEdited(true);
            update("policy", policy);
          }}
          onResetPolicy={() => {
            setPolicyEdited(false);
            update("policy", generated());
            setErrors({});
          }}
          error={create.error}
        />
      ) : null}
    </WizardLayout>
  );
}
