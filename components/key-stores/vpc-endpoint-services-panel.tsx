"use client";

import { Plus, Trash2 } from "lucide-react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useCreateVpcEndpointService, useDeleteVpcEndpointService, useVpcEndpointServices } from "@/lib/queries/key-stores.ts";
import { ZCreateVpcEndpointServiceRequest, type VpcEndpointService } from "@/lib/schemas/key-stores.ts";

const EMPTY = { name: "", proxyUrl: "", privateDnsName: "" };

/**
 * Local VPC endpoint services (local backend only): each is a name pointing at a proxy URL, with the
 * private DNS name the stores' URI endpoint must use. Pick one for the store, add or remove one here.
 */
export function VpcEndpointServicesPanel({ onPick }: { onPick: (s: VpcEndpointService) => void }) {
  const { data, error } = useVpcEndpointServices();
  const add = useCreateVpcEndpointService();
  const remove = useDeleteVpcEndpointService();
  const form = useSchemaForm(EMPTY);
  const { values, errors } = form;
  if (data && !data.supported) return null;
  const submit = () => {
    const data = form.check(ZCreateVpcEndpointServiceRequest, values);
    if (!data) return;
    add.mutate(data, {
      onSuccess: (created) => {
        form.setValues(EMPTY);
        onPick(created);
      },
      onError: form.showServerErrors,
    });
  };
  return (
    <section
      aria-labelledby="vpc-services-title"
      className="flex flex-col gap-3 rounded-lg border border-border p-4"
      data-testid="vpc-services"
    >
      <div>
        <h3 id="vpc-services-title" className="font-bold">
          Local VPC endpoint services
        </h3>
        <p className="text-sm text-muted-foreground">
          On AWS an endpoint service fronts the proxy&apos;s load balancer. Locally it is a name that points at the proxy&apos;s address;
          the store&apos;s URI endpoint must be https:// plus its private DNS name.
        </p>
      </div>
      {error ? <ApiErrorAlert error={error} title="The VPC endpoint services could not be listed" /> : null}
      {data?.services.length ? (
        <ul className="flex flex-col gap-2">
          {data.services.map((s) => (
            <li key={s.name} className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-mono text-xs [overflow-wrap:anywhere]">{s.name}</span>
              <span className="text-muted-foreground [overflow-wrap:anywhere]">
                → {s.proxyUrl} (DNS {s.privateDnsName})
              </span>
              <Button variant="normal" size="sm" onClick={() => onPick(s)}>
                Use
              </Button>
              <Button
                variant="link"
                size="sm"
                onClick={() => remove.mutate(s.name)}
                disabled={remove.isPending}
                aria-label={`Delete VPC endpoint service ${s.name}`}
              >
                <Trash2 aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      ) : data ? (
        <p className="text-sm text-muted-foreground">None yet.</p>
      ) : null}
      <div className="grid gap-3 md:grid-cols-3">
        <Field label="Service name" error={errors.name}>
          <Input
            value={values.name}
            onChange={(e) => form.set("name", e.target.value)}
            className="font-mono"
            placeholder="com.amazonaws.vpce.us-east-1.vpce-svc-0abc"
          />
        </Field>
        <Field label="Proxy address" error={errors.proxyUrl}>
          <Input
            value={values.proxyUrl}
            onChange={(e) => form.set("proxyUrl", e.target.value)}
            className="font-mono"
            placeholder="https://127.0.0.1:4443"
          />
        </Field>
        <Field label="Private DNS name" error={errors.privateDnsName}>
          <Input
            value={values.privateDnsName}
            onChange={(e) => form.set("privateDnsName", e.target.value)}
            className="font-mono"
            placeholder="localhost"
          />
        </Field>
      </div>
      <div>
        <Button variant="normal" onClick={submit} disabled={add.isPending}>
          <Plus aria-hidden />
          Add VPC endpoint service
        </Button>
      </div>
      {formLevelError(add.error) ? <ApiErrorAlert error={add.error} title="Not added" /> : null}
    </section>
  );
}
