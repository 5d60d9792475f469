"use client";

import { useRouter } from "next/navigation";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { WizardLayout, type WizardStep } from "@/components/shell/wizard-layout.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useSchemaForm } from "@/lib/console/use-schema-form.ts";
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
  const form = useSchemaForm<XksForm>(EMPTY_XKS_FORM, { stepOf });
  const { values, errors, step, setStep } = form;
  const set = <K extends keyof XksForm>(k: K, v: XksForm[K]) => {
    form.set(k, v);
    // The path prefix is typed; the request's field (and its error) is the full path.
    if (k === "pathPrefix") form.clearErrors("xksProxyUriPath");
  };
  const request = xksRequestOf(values);

  const submit = () => {
    const data = form.check(ZCreateXksKeyStoreRequest, request);
    if (!data) return;
    create.mutate(data, {
      onSuccess: ({ keyStore }) => {
        toast({
          tone: "success",
          title: `Created external key store ${keyStore.customKeyStoreName}`,
          description: "Connect it to use it.",
        });
        router.push(`/key-stores/${keyStore.customKeyStoreId}?created=1`);
      },
      onError: form.showServerErrors,
    });
  };

  const testRequest = () => form.check(ZTestXksConnectionRequest, request);
  const fieldErrors = Object.entries(errors).filter(([, m]) => m);
  // The exception name and friendly text even when a field is named too: nothing was created.
  const createFailed = <ApiErrorAlert error={create.error} title="The external key store was not created" />;
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
      onNext={() => (!STEP_FIELDS[step] || form.checkFields(ZCreateXksKeyStoreRequest, request, STEP_FIELDS[step])) && setStep(step + 1)}
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
              value={values.customKeyStoreName}
              onChange={(e) => set("customKeyStoreName", e.target.value)}
              autoFocus
              placeholder="example-external-key-store"
            />
          </Field>
          <XksConnectivityFields form={values} set={set} errors={errors} />
          {values.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE" ? (
            <VpcEndpointServicesPanel onPick={(s) => set("xksProxyVpcEndpointServiceName", s.name)} />
          ) : null}
        </>
      ) : null}
      {step === 2 ? (
        <>
          <XksPathCredentialFields form={values} set={set} errors={errors} />
          <XksTestConnection request={testRequest} />
        </>
      ) : null}
      {step === 3 ? (
        <>
          <KeyValueGrid className="lg:grid-cols-2">
            <KeyValue label="Key store type">External key store</KeyValue>
            <KeyValue label="Key store name">{values.customKeyStoreName}</KeyValue>
            <XksProxyValues
              connectivity={values.xksProxyConnectivity}
              uriEndpoint={values.xksProxyUriEndpoint}
              uriPath={request.xksProxyUriPath}
              accessKeyId={values.xksProxyAccessKeyId}
              vpcEndpointServiceName={request.xksProxyVpcEndpointServiceName}
            />
            <KeyValue label="Proxy credential: Secret access key">
              <span className="font-mono">{"•".repeat(Math.min(values.xksProxySecretAccessKey.length, 16))}</span>{" "}
              <span className="text-muted-foreground">
                ({values.xksProxySecretAccessKey.length} characters, sent once and stored encrypted)
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
          {createFailed}
          <XksTestConnection request={testRequest} />
          <KeyStoreCommands
            input={{
              type: "EXTERNAL_KEY_STORE",
              name: values.customKeyStoreName,
              connectivity: values.xksProxyConnectivity,
              uriEndpoint: values.xksProxyUriEndpoint,
              uriPath: request.xksProxyUriPath,
              vpcEndpointServiceName: request.xksProxyVpcEndpointServiceName,
              accessKeyId: values.xksProxyAccessKeyId,
            }}
          />
        </>
      ) : null}
      {/* On the step the wizard went back to, under the field's own error: the exception name too. */}
      {step !== 3 ? createFailed : null}
    </WizardLayout>
  );
}
