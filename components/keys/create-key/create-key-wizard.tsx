"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { WizardLayout, type WizardStep } from "@/components/shell/wizard-layout.tsx";
import { Field } from "@/components/ui/field.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useSchemaForm } from "@/lib/console/use-schema-form.ts";
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

/** The index of the step that holds a field, or undefined for those the review explains (and unknown ones). */
function stepIndexOf(field: string, steps: StepKey[]): number | undefined {
  const key = STEP_OF_FIELD[field.split(".")[0]!];
  if (!key || key === "review" || key === "store" || key === "xks") return undefined;
  const i = steps.indexOf(key);
  return i < 0 ? undefined : i;
}

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
  const [advanced, setAdvanced] = useState(!!initialOrigin && initialOrigin !== "AWS_KMS");
  const [policyEdited, setPolicyEdited] = useState(false);
  const form = useSchemaForm<CreateKeyForm>(
    {
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
    },
    // Store and external key errors stay on the review, which explains them (cause, fix, exception name).
    { stepOf: (field): number | undefined => stepIndexOf(field, steps) },
  );
  const { values, errors } = form;
  const steps: StepKey[] = STEPS_OF_ORIGIN[values.origin];
  const index = form.step;
  const step = steps[Math.min(index, steps.length - 1)]!;
  const update: CreateKeyStepProps["update"] = (k, v) => {
    form.set(k, v);
    // A store of the other kind does not carry over when the origin changes.
    if (k === "origin" && v !== values.origin) form.set("customKeyStoreId", "");
  };
  const generated = () =>
    buildKeyPolicy({
      accountId: me?.accountId ?? principals.data?.accountId ?? "111122223333",
      keyAdministrators: values.keyAdministrators,
      allowAdminsToDelete: values.allowAdminsToDelete,
      keyUsers: values.keyUsers,
      otherAccounts: values.otherAccounts,
    });

  const stepProps: CreateKeyStepProps = { form: values, update, errors };

  const goTo = (i: number) => {
    const target = steps[i];
    if (target === "review" && !policyEdited) update("policy", generated());
    form.setStep(i);
  };
  const next = () => {
    if (form.check(STEP_SCHEMAS[step], values)) goTo(index + 1);
  };
  const finish = () => {
    const data = form.check(ZCreateKeyRequest, {
      ...values,
      customKeyStoreId: values.origin !== "AWS_KMS" ? values.customKeyStoreId : undefined,
      xksKeyId: values.origin === "EXTERNAL_KEY_STORE" ? values.xksKeyId.trim() : undefined,
    });
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ keyId }) => {
        toast({ tone: "success", title: `Created key alias/${data.alias}` });
        router.push(`/keys/${keyId}`);
      },
      onError: form.showServerErrors,
    });
  };

  return (
    <WizardLayout
      steps={steps.map((k): WizardStep => ({ key: k, title: STEP_TITLES[k], optional: k === "admins" || k === "users" }))}
      current={index}
      onStepClick={(i) => i < index && goTo(i)}
      cancelHref="/keys"
      onPrevious={() => form.setStep(index - 1)}
      onNext={next}
      onSubmit={finish}
      submitLabel="Finish"
      pendingLabel="Creating key…"
      pending={create.isPending}
    >
      {step === "configure" ? <ConfigureStep {...stepProps} advanced={advanced} setAdvanced={setAdvanced} /> : null}
      {step === "store" ? (
        <Field asGroup label="AWS CloudHSM key store" error={errors.customKeyStoreId}>
          <StorePicker value={values.customKeyStoreId} onChange={(id) => update("customKeyStoreId", id)} error={errors.customKeyStoreId} />
        </Field>
      ) : null}
      {step === "xks" ? <XksStoreStep {...stepProps} /> : null}
      {step === "labels" ? <LabelsStep {...stepProps} /> : null}
      {step === "admins" ? <AdminsStep {...stepProps} principals={principals.data?.principals} /> : null}
      {step === "users" ? <UsersStep {...stepProps} principals={principals.data?.principals} /> : null}
      {step === "review" ? (
        <ReviewStep
          form={values}
          errors={errors}
          policyEdited={policyEdited}
          onPolicyChange={(policy) => {
            setPolicyEdited(true);
            update("policy", policy);
          }}
          onResetPolicy={() => {
            setPolicyEdited(false);
            update("policy", generated());
            form.showErrors({});
          }}
          error={create.error}
        />
      ) : null}
    </WizardLayout>
  );
}
