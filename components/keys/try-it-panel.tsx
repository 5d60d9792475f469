"use client";

import { CircleCheck, Lock, LockOpen, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { ErrorText } from "@/components/shell/api-error-alert.tsx";
import { CopyButton } from "@/components/shell/copy-button.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CardContent } from "@/components/ui/card.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Textarea } from "@/components/ui/textarea.tsx";
import { type FieldErrors, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useDecryptText, useEncryptText } from "@/lib/queries/keys.ts";
import { ZDecryptTextRequest, ZEncryptTextRequest } from "@/lib/schemas/keys.ts";
import { EncryptionContextEditor, type ContextPair } from "./encryption-context-editor.tsx";

function CryptoError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert tone="error" title="KMS refused the request" data-testid="try-it-error">
      <ErrorText error={error} />
    </Alert>
  );
}

/**
 * Try it: encrypt a short text under this key with an encryption context, then decrypt it, exactly as
 * an application would (Encrypt/Decrypt signed as you). A failure shows the error the application
 * would get, and what it means.
 */
export function TryItPanel({ keyId }: { keyId: string }) {
  const encrypt = useEncryptText(keyId);
  const decrypt = useDecryptText(keyId);
  // Two forms, each with the request's own field names.
  const enc = useSchemaForm<{ plaintext: string; encryptionContext: ContextPair[] }>({
    plaintext: "Hello from Keyhold",
    encryptionContext: [{ key: "purpose", value: "try-it" }],
  });
  const dec = useSchemaForm<{ ciphertextBlob: string; encryptionContext: ContextPair[] }>({ ciphertextBlob: "", encryptionContext: [] });
  const { plaintext, encryptionContext: encContext } = enc.values;
  const { ciphertextBlob: ciphertext, encryptionContext: decContext } = dec.values;
  const encErrors = enc.errors;
  const decErrors = dec.errors;
  const encrypted = encrypt.data;
  const decrypted = decrypt.data;

  const doEncrypt = () => {
    const data = enc.check(ZEncryptTextRequest, enc.values);
    if (!data) return;
    decrypt.reset();
    encrypt.mutate(data, {
      onSuccess: (r) => dec.setValues({ ciphertextBlob: r.ciphertextBlob, encryptionContext: encContext.map((p) => ({ ...p })) }),
    });
  };
  const doDecrypt = () => {
    const data = dec.check(ZDecryptTextRequest, dec.values);
    if (data) decrypt.mutate(data);
  };

  return (
    <SectionCard
      bare
      title="Try it"
      description="Encrypt a short text with this key and decrypt it again, with an encryption context, as your applications would."
      data-testid="try-it"
    >
      <CardContent className="grid gap-6 lg:grid-cols-2">
        <CryptoForm
          icon={Lock}
          title="Encrypt"
          onSubmit={doEncrypt}
          input={
            <Field label="Plaintext" constraint="Up to 4096 bytes." error={encErrors.plaintext}>
              <Textarea rows={3} value={plaintext} onChange={(e) => enc.set("plaintext", e.target.value)} />
            </Field>
          }
          contextLabel="Encryption context"
          contextDescription="Non-secret key/value pairs bound to the ciphertext: decrypting needs exactly the same ones."
          pairs={encContext}
          onPairsChange={(pairs) => enc.set("encryptionContext", pairs)}
          errors={encErrors}
          idPrefix="Encryption"
          submit={{ label: "Encrypt", pendingLabel: "Encrypting…", variant: "primary" }}
          mutation={encrypt}
        >
          {encrypted ? (
            <div className="rounded-lg border border-border bg-muted/50 p-3" data-testid="ciphertext">
              <p className="flex items-center justify-between text-xs text-muted-foreground">
                Ciphertext (base64, {encrypted.encryptionAlgorithm}) <CopyButton value={encrypted.ciphertextBlob} label="ciphertext" />
              </p>
              <p className="mt-1 font-mono text-xs break-all">{encrypted.ciphertextBlob}</p>
            </div>
          ) : null}
        </CryptoForm>
        <CryptoForm
          icon={LockOpen}
          title="Decrypt"
          onSubmit={doDecrypt}
          input={
            <Field
              label="Ciphertext (base64)"
              description="Filled in after Encrypt; paste your own to test it."
              error={decErrors.ciphertextBlob}
            >
              <Textarea
                rows={3}
                value={ciphertext}
                onChange={(e) => dec.set("ciphertextBlob", e.target.value)}
                className="font-mono text-xs"
              />
            </Field>
          }
          contextLabel="Encryption context for decryption"
          contextDescription="Change or remove a pair to see the error a mismatch gives."
          pairs={decContext}
          onPairsChange={(pairs) => dec.set("encryptionContext", pairs)}
          errors={decErrors}
          idPrefix="Decryption"
          submit={{ label: "Decrypt", pendingLabel: "Decrypting…", variant: "normal" }}
          mutation={decrypt}
        >
          {decrypted ? (
            <div className="rounded-lg border border-success bg-success-soft p-3" data-testid="decrypted">
              <p className="text-xs text-muted-foreground">Plaintext{decrypted.plaintextIsUtf8 ? "" : " (binary, base64)"}</p>
              <p className="mt-1 font-mono text-sm break-all" data-testid="decrypted-text">
                {decrypted.plaintext}
              </p>
              {decrypted.plaintext === plaintext ? (
                <p className="mt-2 flex items-center gap-1.5 text-xs font-bold text-success">
                  <CircleCheck className="size-3.5" aria-hidden /> Matches the text you encrypted
                </p>
              ) : null}
            </div>
          ) : null}
        </CryptoForm>
      </CardContent>
    </SectionCard>
  );
}

type CryptoFormProps = {
  icon: LucideIcon;
  title: string;
  onSubmit: () => void;
  /** The text to encrypt or decrypt, with its label. */
  input: ReactNode;
  contextLabel: string;
  contextDescription: string;
  pairs: ContextPair[];
  onPairsChange: (pairs: ContextPair[]) => void;
  errors: FieldErrors;
  idPrefix: string;
  submit: { label: string; pendingLabel: string; variant: "primary" | "normal" };
  mutation: { isPending: boolean; error: unknown };
  /** The result, under the error. */
  children: ReactNode;
};

/** One half of Try it: the input, its encryption context, the button, the error and the result. */
function CryptoForm({
  icon: Icon,
  title,
  onSubmit,
  input,
  contextLabel,
  contextDescription,
  pairs,
  onPairsChange,
  errors,
  idPrefix,
  submit,
  mutation,
  children,
}: CryptoFormProps) {
  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <h3 className="flex items-center gap-2 font-bold">
        <Icon className="size-4" aria-hidden /> {title}
      </h3>
      {input}
      <Field asGroup label={contextLabel} description={contextDescription}>
        <EncryptionContextEditor pairs={pairs} onChange={onPairsChange} errors={errors} idPrefix={idPrefix} />
      </Field>
      <div>
        <Button type="submit" variant={submit.variant} disabled={mutation.isPending}>
          {mutation.isPending ? submit.pendingLabel : submit.label}
        </Button>
      </div>
      <CryptoError error={mutation.error} />
      {children}
    </form>
  );
}
