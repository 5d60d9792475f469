"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { WizardLayout, type WizardStep } from "@/components/shell/wizard-layout.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { type FieldErrors, formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useCreateKeyStore } from "@/lib/queries/key-stores.ts";
import { ZCreateKeyStoreRequest } from "@/lib/schemas/key-stores.ts";
import { ClusterPicker } from "./cluster-picker.tsx";
import { KeyStoreCommands } from "./key-store-commands.tsx";
import { KeyStoreTypeChoice } from "./key-store-type-choice.tsx";
import { TrustAnchorUpload } from "./trust-anchor-upload.tsx";

const STEPS: WizardStep[] = [
  { key: "type", title: "Choose key store type" },
  { key: "cluster", title: "Name and cluster" },
  { key: "credentials", title: "Trust anchor and kmsuser" },
  { key: "review", title: "Review and create" },
];

/** Each step validates its own fields with the API's own schema. */
const STEP_SCHEMAS = [
  null,
  ZCreateKeyStoreRequest.pick({ customKeyStoreName: true, cloudHsmClusterId: true }),
  ZCreateKeyStoreRequest.pick({ trustAnchorCertificate: true, keyStorePassword: true }),
  ZCreateKeyStoreRequest,
] as const;

/** The trust anchor's error for a chosen file, or undefined: an empty file is named as empty. */
function trustAnchorError(name: string, text: string): string | undefined {
  if (!text.trim()) return `${name} is empty. Choose customerCA.crt, the file created when the cluster was initialized.`;
  const r = ZCreateKeyStoreRequest.shape.trustAnchorCertificate.safeParse(text);
  return r.success ? undefined : r.error.issues[0]?.message;
}

const STEP_OF_FIELD: Record<string, number> = {
  customKeyStoreName: 1,
  cloudHsmClusterId: 1,
  trustAnchorCertificate: 2,
  keyStorePassword: 2,
};

/** Create an AWS CloudHSM key store: type → name and cluster → trust anchor and kmsuser → review → create. */
export function CreateKeyStoreWizard() {
  const router = useRouter();
  const create = useCreateKeyStore();
  const form = useSchemaForm(
    { customKeyStoreName: "", cloudHsmClusterId: "", trustAnchorCertificate: "", keyStorePassword: "" },
    { stepOf: (f) => STEP_OF_FIELD[f] },
  );
  const { values, step, setStep, set } = form;
  const [fileName, setFileName] = useState<string>();

  const next = () => {
    const schema = STEP_SCHEMAS[step];
    if (schema && !form.check(schema, values)) return;
    if (step < STEPS.length - 1) setStep(step + 1);
  };

  const submit = () => {
    const data = form.check(ZCreateKeyStoreRequest, values);
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ keyStore }) => {
        toast({
          tone: "success",
          title: `Created key store ${keyStore.customKeyStoreName}`,
          description: "It starts disconnected. Connect it to use it.",
        });
        router.push(`/key-stores/${keyStore.customKeyStoreId}?created=1`);
      },
      onError: form.showServerErrors,
    });
  };
  // An empty file says so, rather than "Choose the … file" (a file was chosen).
  const errors: FieldErrors = {
    ...form.errors,
    trustAnchorCertificate:
      form.errors.trustAnchorCertificate &&
      ((fileName && trustAnchorError(fileName, values.trustAnchorCertificate)) || form.errors.trustAnchorCertificate),
  };

  const apiError = formLevelError(create.error);
  return (
    <WizardLayout
      steps={STEPS}
      current={step}
      onStepClick={(i) => i < step && setStep(i)}
      description={
        step === 0
          ? "Custom key stores keep the key material of your KMS keys in HSMs you control."
          : step === 3
            ? "This is exactly what will be sent to KMS. The key store is created disconnected."
            : undefined
      }
      cancelHref="/key-stores"
      onPrevious={() => setStep(step - 1)}
      onNext={next}
      onSubmit={submit}
      submitLabel="Create key store"
      pendingLabel="Creating…"
      pending={create.isPending}
    >
      {step === 0 ? <KeyStoreTypeChoice value="AWS_CLOUDHSM" /> : null}

      {step === 1 ? (
        <>
          <Field
            label="Key store name"
            description="A friendly name, unique among the custom key stores of this account and Region."
            constraint="1–256 characters."
            error={errors.customKeyStoreName}
          >
            <Input
              value={values.customKeyStoreName}
              onChange={(e) => set("customKeyStoreName", e.target.value)}
              autoFocus
              placeholder="example-key-store"
            />
          </Field>
          <Field
            asGroup
            label="AWS CloudHSM cluster"
            description="The cluster must be active, have active HSMs in at least two Availability Zones, and not be used by another key store."
            error={errors.cloudHsmClusterId}
          >
            <ClusterPicker
              value={values.cloudHsmClusterId}
              onChange={(id) => set("cloudHsmClusterId", id)}
              error={errors.cloudHsmClusterId}
            />
          </Field>
        </>
      ) : null}

      {step === 2 ? (
        <>
          <Field
            asGroup
            label="Trust anchor certificate"
            description="Upload customerCA.crt, the issuing CA certificate created when the cluster was initialized."
            error={errors.trustAnchorCertificate}
          >
            <TrustAnchorUpload
              fileName={fileName}
              pem={values.trustAnchorCertificate}
              invalid={!!errors.trustAnchorCertificate}
              onLoaded={({ name, text }) => {
                setFileName(name);
                set("trustAnchorCertificate", text);
                const error = trustAnchorError(name, text);
                if (error) form.showErrors({ ...form.errors, trustAnchorCertificate: error });
              }}
            />
          </Field>
          <Field
            label="kmsuser password"
            description="The current password of the kmsuser crypto user in the cluster. KMS logs in as kmsuser and rotates this password every time it connects."
            constraint="7–32 letters and digits; case-sensitive; no special characters."
            error={errors.keyStorePassword}
          >
            <PasswordInput
              value={values.keyStorePassword}
              onChange={(e) => set("keyStorePassword", e.target.value)}
              showLabel="Show kmsuser password"
            />
          </Field>
        </>
      ) : null}

      {step === 3 ? (
        <>
          <KeyValueGrid className="lg:grid-cols-2">
            <KeyValue label="Key store type">AWS CloudHSM key store</KeyValue>
            <KeyValue label="Key store name">{values.customKeyStoreName}</KeyValue>
            <KeyValue label="CloudHSM cluster ID">
              <span className="font-mono text-xs">{values.cloudHsmClusterId}</span>
            </KeyValue>
            <KeyValue label="Trust anchor certificate">{fileName ?? "—"}</KeyValue>
            <KeyValue label="kmsuser password">
              <span className="font-mono">{"•".repeat(values.keyStorePassword.length)}</span>{" "}
              <span className="text-muted-foreground">({values.keyStorePassword.length} characters, sent once and stored encrypted)</span>
            </KeyValue>
          </KeyValueGrid>
          {Object.values(errors).some(Boolean) ? (
            <ul className="text-sm text-destructive">
              {Object.entries(errors)
                .filter(([, m]) => m)
                .map(([f, m]) => (
                  <li key={f}>{m}</li>
                ))}
            </ul>
          ) : null}
          <ApiErrorAlert error={apiError} title="The key store was not created" />
          <KeyStoreCommands
            input={{
              type: "AWS_CLOUDHSM",
              name: values.customKeyStoreName,
              cloudHsmClusterId: values.cloudHsmClusterId,
              trustAnchorFileName: fileName,
            }}
          />
        </>
      ) : null}
    </WizardLayout>
  );
}
