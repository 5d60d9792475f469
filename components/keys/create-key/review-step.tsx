import { RotateCcw } from "lucide-react";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { CREATE_KEY_ERROR_HELP } from "@/lib/console/create-key-errors.ts";
import { originLabel } from "@/lib/console/format.ts";
import { useKeyStores } from "@/lib/queries/key-stores.ts";
import type { CreateKeyStepProps } from "./create-key-form.ts";
import { EquivalentCommands } from "./equivalent-commands.tsx";

type Props = Omit<CreateKeyStepProps, "update"> & {
  policyEdited: boolean;
  onPolicyChange: (policy: string) => void;
  onResetPolicy: () => void;
  /** The failed create call, if any: its code, message, cause and fix are shown here. */
  error: unknown;
};

/** Everything that will be sent, with the generated key policy to edit, and why a create failed. */
export function ReviewStep({ form, errors, policyEdited, onPolicyChange, onResetPolicy, error }: Props) {
  const createError = error && isApiError(error) ? error : null;
  const help = createError ? CREATE_KEY_ERROR_HELP[createError.code] : undefined;
  const { data: stores } = useKeyStores();
  const storeName = stores?.keyStores.find((st) => st.customKeyStoreId === form.customKeyStoreId)?.customKeyStoreName;
  return (
    <>
      <KeyValueGrid className="lg:grid-cols-3">
        <KeyValue label="Key type">Symmetric</KeyValue>
        <KeyValue label="Key usage">Encrypt and decrypt</KeyValue>
        <KeyValue label="Origin">{originLabel(form.origin)}</KeyValue>
        {form.origin !== "AWS_KMS" ? (
          <KeyValue label="Custom key store">
            <span className="flex flex-col" data-testid="review-store">
              <span className="font-bold [overflow-wrap:anywhere]">{storeName ?? "—"}</span>
              <span className="font-mono text-xs">{form.customKeyStoreId}</span>
            </span>
          </KeyValue>
        ) : null}
        {form.origin === "EXTERNAL_KEY_STORE" ? (
          <KeyValue label="External key ID">
            <span className="font-mono text-xs [overflow-wrap:anywhere]" data-testid="review-xks-key-id">
              {form.xksKeyId.trim()}
            </span>
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
          onChange={(e) => onPolicyChange(e.target.value)}
        />
      </Field>
      {policyEdited ? (
        <div>
          <Button variant="link" size="sm" onClick={onResetPolicy}>
            <RotateCcw aria-hidden />
            Reset to the generated policy
          </Button>
        </div>
      ) : null}
      <EquivalentCommands form={form} />
      {createError ? (
        <Alert tone="error" title="The key was not created" data-testid="create-key-error">
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
          <p className="mt-1 font-mono text-xs [overflow-wrap:anywhere] text-muted-foreground">
            {createError.code}
            {createError.requestId ? ` · Request ID: ${createError.requestId}` : ""}
          </p>
        </Alert>
      ) : error ? (
        <Alert tone="error">An unexpected error occurred in the browser.</Alert>
      ) : null}
    </>
  );
}
