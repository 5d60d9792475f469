"use client";

import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { PasswordInput } from "@/components/ui/password-input.tsx";
import { XKS_URI_PATH_SUFFIX } from "@/lib/schemas/key-stores.ts";
import { ProxyConfigUpload } from "./proxy-config-upload.tsx";
import { uriPathOf, type XksConnectivity, type XksForm } from "./xks-form.ts";

type FieldsProps = {
  form: XksForm;
  set: <K extends keyof XksForm>(k: K, v: XksForm[K]) => void;
  errors: Record<string, string | undefined>;
  /** Why connectivity, endpoint and VPC endpoint service cannot change now (edit of a connected store). */
  locked?: string;
  /** Edit: the credential may stay as it is. */
  credentialOptional?: boolean;
  /** The field a troubleshooting fix points at. */
  autoFocus?: string;
};

const CONNECTIVITIES: { value: XksConnectivity; label: string; text: string }[] = [
  { value: "PUBLIC_ENDPOINT", label: "Public endpoint", text: "KMS reaches the proxy over the internet at its HTTPS endpoint." },
  {
    value: "VPC_ENDPOINT_SERVICE",
    label: "VPC endpoint service",
    text: "KMS reaches the proxy privately through an Amazon VPC endpoint service (locally: a named entry pointing at the proxy).",
  },
];

/** Proxy connectivity, VPC endpoint service name and URI endpoint. */
export function XksConnectivityFields({ form, set, errors, locked, autoFocus }: FieldsProps) {
  return (
    <>
      <Field asGroup label="Proxy connectivity" description={locked} error={errors.xksProxyConnectivity}>
        <div role="radiogroup" aria-label="Proxy connectivity" className="grid gap-2 md:grid-cols-2">
          {CONNECTIVITIES.map((c) => (
            <label
              key={c.value}
              className={`flex gap-2 rounded-lg border-2 p-3 ${form.xksProxyConnectivity === c.value ? "border-link bg-selected" : "border-border"} ${locked ? "cursor-not-allowed opacity-70" : "cursor-pointer"}`}
            >
              <input
                type="radio"
                name="xks-connectivity"
                value={c.value}
                checked={form.xksProxyConnectivity === c.value}
                disabled={!!locked}
                onChange={() => set("xksProxyConnectivity", c.value)}
                className="mt-1 size-4 accent-[var(--color-link)]"
              />
              <span>
                <span className="block text-sm font-bold">{c.label}</span>
                <span className="block text-xs text-muted-foreground">{c.text}</span>
              </span>
            </label>
          ))}
        </div>
      </Field>
      {form.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE" ? (
        <Field
          label="VPC endpoint service name"
          description="The endpoint service in front of the proxy's load balancer, in this account and Region."
          constraint="com.amazonaws.vpce.<region>.vpce-svc-…, 20–64 characters."
          error={errors.xksProxyVpcEndpointServiceName}
        >
          <Input
            value={form.xksProxyVpcEndpointServiceName}
            onChange={(e) => set("xksProxyVpcEndpointServiceName", e.target.value)}
            disabled={!!locked}
            className="font-mono"
            placeholder="com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
            autoFocus={autoFocus === "xksProxyVpcEndpointServiceName"}
          />
        </Field>
      ) : null}
      <Field
        label="Proxy URI endpoint"
        description={
          form.xksProxyConnectivity === "VPC_ENDPOINT_SERVICE"
            ? "https:// and the endpoint service's private DNS name."
            : "https:// and the proxy's host name. KMS always uses port 443, so no port."
        }
        constraint="https://host, 10–128 characters; the local backend also accepts https://localhost:PORT and https://127.0.0.1:PORT."
        error={errors.xksProxyUriEndpoint}
      >
        <Input
          value={form.xksProxyUriEndpoint}
          onChange={(e) => set("xksProxyUriEndpoint", e.target.value)}
          disabled={!!locked}
          className="font-mono"
          placeholder="https://xks.example.com"
          autoFocus={autoFocus === "xksProxyUriEndpoint"}
        />
      </Field>
    </>
  );
}

/** Proxy URI path prefix and credential, typed or from the proxy's configuration file. */
export function XksPathCredentialFields({ form, set, errors, credentialOptional, autoFocus }: FieldsProps) {
  return (
    <>
      <Field
        asGroup
        label="Proxy configuration file (optional)"
        description="The JSON file your XKS proxy generates for the KMS console. Its path and credential fill the fields below, which you can still edit."
      >
        <ProxyConfigUpload
          onLoaded={(v) => {
            set("pathPrefix", v.pathPrefix);
            set("xksProxyAccessKeyId", v.accessKeyId);
            set("xksProxySecretAccessKey", v.secretAccessKey);
          }}
        />
      </Field>
      <Field
        label="Proxy URI path prefix (optional)"
        description={
          <>
            The console adds <span className="font-mono">{XKS_URI_PATH_SUFFIX}</span>. Path sent:{" "}
            <span className="font-mono [overflow-wrap:anywhere]" data-testid="xks-uri-path">
              {uriPathOf(form.pathPrefix)}
            </span>
          </>
        }
        constraint="Starts with /; letters, digits, /, _ and -; the whole path 10–128 characters."
        error={errors.xksProxyUriPath}
      >
        <Input
          value={form.pathPrefix}
          onChange={(e) => set("pathPrefix", e.target.value)}
          className="font-mono"
          placeholder="/example-prefix"
          autoFocus={autoFocus === "xksProxyUriPath"}
        />
      </Field>
      <Field
        label="Proxy credential: Access key ID"
        description={credentialOptional ? "Leave both credential fields empty to keep the current credential." : undefined}
        constraint="20–30 characters: A–Z and 2–7."
        error={errors.xksProxyAccessKeyId}
      >
        <Input
          value={form.xksProxyAccessKeyId}
          onChange={(e) => set("xksProxyAccessKeyId", e.target.value)}
          className="font-mono"
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus === "xksProxyAccessKeyId"}
        />
      </Field>
      <Field
        label="Proxy credential: Secret access key"
        description="Sent to KMS once and stored encrypted; never shown again."
        constraint="43–64 characters: letters, digits, /, + and =."
        error={errors.xksProxySecretAccessKey}
      >
        <PasswordInput
          value={form.xksProxySecretAccessKey}
          onChange={(e) => set("xksProxySecretAccessKey", e.target.value)}
          showLabel="Show secret access key"
        />
      </Field>
    </>
  );
}
