"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { WizardLayout, type WizardStep } from "@/components/shell/wizard-layout.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { validate } from "@/lib/console/zod-fields.ts";
import { useCreateXksKeyStore } from "@/lib/queries/key-stores.ts";
import { ZCreateXksKeyStoreRequest, ZTestXksConnectionRequest, ZXksProxyFields } from "@/lib/schemas/key-stores.ts";
import { KeyStoreCommands } from "./key-store-commands.tsx";
import { KeyStoreTypeChoice } from "./key-store-type-choice.tsx";
import { VpcEndpointServicesPanel } from "./vpc-endpoint-services-panel.tsx";
import { EMPTY_XKS_FORM, xksRequestOf, type XksForm } from "./xks-form.ts";
import { XksConnectivityFields, XksPathCredentialFields } from "./xks-proxy-fields.tsx";
import { XksProxyValues } from "./xks-store-sections.tsx";
import { XksTestConnection } from "./xks-test-connection.tsx";

const STEPS: WizardStep[] = [
  { key: "type", title: "Choose key store type" },
  { key: "connectivity", title: "Name and proxy connectivity" },
  { key: "credential", title: "Proxy path and credential" },
  { key: "review", title: "Review and create" },
];

/** Each step validates its own fields with the API's own schema (the VPC rule needs the whole request). */
const STEP_FIELDS: Record<number, (keyof typeof ZXksProxyFields.shape)[]> = {
  1: ["customKeyStoreName", "xksProxyConnectivity", "xksProxyUriEndpoint", "xksProxyVpcEndpointServiceName"],
  2: ["xksProxyUriPath", "xksProxyAccessKeyId", "xksProxySecretAccessKey"],
};
const stepOf = (field: string) => Number(Object.entries(STEP_FIELDS).find(([, fs]) => (fs as string[]).includes(field))?.[0] ?? 3);

/** Create an external key store: type → name and connectivity → path and credential (test connection) → review → create. */
export function CreateXksKeyStoreWizard() {
  const router = useRouter();
  const create = useCreateXksKeyStore();
  const [step, setStep] = useState(0);
  const [form, setForm] = useState<XksForm>(EMPTY_XKS_FORM);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const set = <K extends keyof XksForm>(k: K, v: XksForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k === "pathPrefix" ? "xksProxyUriPath" : k]: undefined }));
  };
  const request = xksRequestOf(form);

  const checkStep = (i: number): boolean => {
    const fields = STEP_FIELDS[i];
    if (!fields) return true;
    const v = validate(ZCreateXksKeyStoreRequest, request);
    const stepErrors = Object.fromEntries(Object.entries(v.errors ?? {}).filter(([f]) => (fields as string[]).includes(f)));
    setErrors(stepErrors);
    return Object.keys(stepErrors).length === 0;
  };

  const submit = () => {
    const v = validate(ZCreateXksKeyStoreRequest, request);
    if (v.errors) {
      setErrors(v.errors);
      setStep(Math.min(...Object.keys(v.errors).map(stepOf)));
      return;
    }
    create.mutate(v.data, {
      onSuccess: ({ keyStore }) => {
        toast({
          tone: "success",
          title: `Created external key store ${keyStore.customKeyStoreName}`,
          description: "Connect it to use it.",
        });
        router.push(`/key-stores/${keyStore.customKeyStoreId}?created=1`);
      },
      onError: (e) => {
        if (isApiError(e) && e.fields) setErrors(e.fields);
      },
    });
  };

  const testRequest = () => {
    const v = validate(ZTestXksConnectionRequest, request);
    if (v.errors) {
      setErrors(v.errors);
      return undefined;
    }
    return v.data;
  };
  const fieldErrors = Object.entries(errors).filter(([, m]) => m);
  return (
    <WizardLayout
      steps={STEPS}
      current={step}
      onStepClick={(i) => i < step && setStep(i)}
      description={
        step === 0
          ? "Custom key stores keep the key material of your KMS keys in HSMs you control."
          : step === 3
            ? "This is exactly what will be sent to KMS. With a public endpoint KMS calls the proxy's GetHealthStatus first and refuses the create if it fails; the store is created disconnected."
            : undefined
      }
      cancelHref="/key-stores?type=external"
      onPrevious={() => setStep(step - 1)}
      onNext={() => checkStep(step) && setStep(step + 1)}
      onSubmit={submit}
      submitLabel="Create external key store"
      pendingLabel="Creating…"
      pending={create.isPending}
    >
      {step === 0 ? <KeyStoreTypeChoice value="EXTERNAL_KEY_STORE" /> : null}
      {step === 1 ? (
        <>
          <Field
            label="Key store name"
            description="A friendly name, unique among the custom key stores of this account and Region."
            constraint="1–256 characters."
            error={errors.customKeyStoreName}
          >
            <Input
              value={form.customKeyStoreName}
              onChange={(e) => set("customKeyStoreName", e.target.value)}
              autoFocus
              placeholder="example-external-key-store"
            />
          </Field>
          <XksConnectivityFields form={form} set={set} errors={errors} />
          {form.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE" ? (
            <VpcEndpointServicesPanel onPick={(s) => set("xksProxyVpcEndpointServiceName", s.name)} />
          ) : null}
        </>
      ) : null}
      {step === 2 ? (
        <>
          <XksPathCredentialFields form={form} set={set} errors={errors} />
          <XksTestConnection request={testRequest} />
        </>
      ) : null}
      {step === 3 ? (
        <>
          <KeyValueGrid className="lg:grid-cols-2">
            <KeyValue label="Key store type">External key store</KeyValue>
            <KeyValue label="Key store name">{form.customKeyStoreName}</KeyValue>
            <XksProxyValues
              connectivity={form.xksProxyConnectivity}
              uriEndpoint={form.xksProxyUriEndpoint}
              uriPath={request.xksProxyUriPath}
              accessKeyId={form.xksProxyAccessKeyId}
              vpcEndpointServiceName={request.xksProxyVpcEndpointServiceName}
            />
            <KeyValue label="Proxy credential: Secret access key">
              <span className="font-mono">{"•".repeat(Math.min(form.xksProxySecretAccessKey.length, 16))}</span>{" "}
              <span className="text-muted-foreground">
                ({form.xksProxySecretAccessKey.length} characters, sent once and stored encrypted)
              </span>
            </KeyValue>
          </KeyValueGrid>
          {fieldErrors.length ? (
            <ul className="text-sm text-destructive">
              {fieldErrors.map(([f, m]) => (
                <li key={f}>{m}</li>
              ))}
            </ul>
          ) : null}
          {/* The exception name and friendly text even when a field is named too: nothing was created. */}
          <ApiErrorAlert error={create.error} title="The external key store was not created" />
          <XksTestConnection request={testRequest} />
          <KeyStoreCommands
            input={{
              type: "EXTERNAL_KEY_STORE",
              name: form.customKeyStoreName,
              connectivity: form.xksProxyConnectivity,
              uriEndpoint: form.xksProxyUriEndpoint,
              uriPath: request.xksProxyUriPath,
              vpcEndpointServiceName: request.xksProxyVpcEndpointServiceName,
              accessKeyId: form.xksProxyAccessKeyId,
            }}
          />
        </>
      ) : null}
    </WizardLayout>
  );
}
