"use client";

import Link from "next/link";
import { CachedStateBadge } from "@/components/key-stores/cached-state-badge.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { useKeyStores } from "@/lib/queries/key-stores.ts";
import { cn } from "@/lib/utils.ts";
import type { CreateKeyStepProps } from "./create-key-form.ts";
import { ExternalKeyPreview } from "./external-key-preview.tsx";

/** Why a store cannot hold a new key now, or undefined when it can (KMS: CONNECTED only). */
function unavailableReason(state: string): string | undefined {
  if (state === "CONNECTED") return undefined;
  if (state === "CONNECTING") return "The key store is connecting; wait until it is connected.";
  if (state === "FAILED") return "The key store failed to connect. Fix the error on its page and connect it again.";
  return "Connect the key store before creating keys in it.";
}

/**
 * Step 2 of an external key store key: a CONNECTED external key store (the others shown, disabled, with
 * the reason), the external key's id in its proxy with the proxy's metadata for it, and the admin's
 * confirmation that the key material will depend on a key outside AWS.
 */
export function XksStoreStep({ form, update, errors }: CreateKeyStepProps) {
  const { data, error: loadError, refetch } = useKeyStores();
  const stores = data?.keyStores.filter((s) => s.customKeyStoreType === "EXTERNAL_KEY_STORE") ?? [];
  return (
    <>
      <Field asGroup label="External key store" error={errors.customKeyStoreId}>
        {loadError ? (
          <ErrorPanel error={loadError} title="The key stores could not be loaded" onRetry={() => void refetch()} />
        ) : !data ? (
          <Skeleton className="h-20 w-full" />
        ) : (
          <div role="radiogroup" aria-label="External key store" className="flex flex-col gap-2" data-testid="xks-store-picker">
            {stores.length === 0 ? <p className="text-sm text-muted-foreground">There are no external key stores yet.</p> : null}
            {stores.map((s) => {
              const reason = unavailableReason(s.connectionState);
              return (
                <label
                  key={s.customKeyStoreId}
                  data-testid="store-option"
                  data-selectable={!reason}
                  className={cn(
                    "flex gap-3 rounded-lg border-2 px-3.5 py-3",
                    !reason ? "cursor-pointer hover:border-link/60" : "cursor-not-allowed bg-muted/50",
                    form.customKeyStoreId === s.customKeyStoreId
                      ? "border-link bg-selected"
                      : errors.customKeyStoreId
                        ? "border-destructive/60"
                        : "border-border",
                  )}
                >
                  <input
                    type="radio"
                    name="store"
                    value={s.customKeyStoreId}
                    checked={form.customKeyStoreId === s.customKeyStoreId}
                    disabled={!!reason}
                    onChange={() => update("customKeyStoreId", s.customKeyStoreId)}
                    className="mt-1 size-4 accent-[var(--color-link)]"
                  />
                  <span className="flex min-w-0 flex-1 flex-col gap-0.5">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-bold [overflow-wrap:anywhere]">{s.customKeyStoreName}</span>
                      <span className="font-mono text-xs text-muted-foreground">{s.customKeyStoreId}</span>
                      <CachedStateBadge store={s} backend={data.backend} compact />
                    </span>
                    <span className="text-xs [overflow-wrap:anywhere] text-muted-foreground">
                      Proxy {s.xksProxy?.uriEndpoint ?? "—"}
                      {s.xksProxy?.uriPath ?? ""}
                    </span>
                    {reason ? <span className="text-xs text-destructive">{reason}</span> : null}
                  </span>
                </label>
              );
            })}
            <p className="text-xs text-muted-foreground">
              <Link href="/key-stores" className="text-link underline underline-offset-2 hover:text-link-hover">
                External key stores
              </Link>{" "}
              · Only connected external key stores can hold new keys.
            </p>
          </div>
        )}
      </Field>
      <Field
        label="External key ID"
        description="The ID of the key in your external key manager, as the store's proxy knows it. It cannot be changed later: if the proxy has several IDs for the key, use the one that never changes."
        constraint="1–128 characters: letters, digits, dashes (-), underscores (_) and dots (.)."
        error={errors.xksKeyId}
      >
        <Input
          value={form.xksKeyId}
          maxLength={128}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          data-testid="xks-key-id"
          onChange={(e) => update("xksKeyId", e.target.value)}
        />
      </Field>
      {form.customKeyStoreId ? <ExternalKeyPreview customKeyStoreId={form.customKeyStoreId} xksKeyId={form.xksKeyId} /> : null}
      <Field asGroup label="Confirmation" error={errors.xksConfirmed}>
        <label className="flex cursor-pointer items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.xksConfirmed}
            onChange={(e) => update("xksConfirmed", e.target.checked)}
            className="mt-0.5 size-4 accent-[var(--color-link)]"
            data-testid="xks-confirm"
          />
          <span>
            I understand that this key depends on an external key that AWS cannot see or recover: if the external key is unavailable,
            disabled or deleted, KMS cannot encrypt or decrypt with this key, and data encrypted under it may be lost for good. A deleted
            KMS key in an external key store can never be recreated, not even from the same external key.
          </span>
        </label>
      </Field>
    </>
  );
}
