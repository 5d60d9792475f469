"use client";

import { useEffect, useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { useExternalKeyMetadata } from "@/lib/queries/external-keys.ts";
import { externalKeyProblems, ZXksKeyId } from "@/lib/schemas/external-keys.ts";
import { ExternalKeyFacts } from "../external-key-facts.tsx";

/** The value once it has stopped changing for `ms` (so typing an id asks the proxy once, not per key). */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * The proxy's metadata for the external key the admin typed, before anything is created: locally the
 * console asks the store's proxy as KMS will (GetKeyMetadata); with real AWS it cannot, and says KMS
 * checks the key on create.
 */
export function ExternalKeyPreview({ customKeyStoreId, xksKeyId }: { customKeyStoreId: string; xksKeyId: string }) {
  const id = useSettled(xksKeyId.trim(), 400);
  const ready = !!customKeyStoreId && ZXksKeyId.safeParse(id).success;
  const { data, error, isFetching } = useExternalKeyMetadata(customKeyStoreId, id, ready);
  if (!ready) return null;
  return (
    <section
      aria-labelledby="xks-preview-title"
      aria-live="polite"
      className="rounded-lg border border-border p-4"
      data-testid="external-key-preview"
    >
      <h3 id="xks-preview-title" className="mb-3 font-bold">
        What the proxy says of this key
      </h3>
      {error ? (
        <ApiErrorAlert error={error} title="The external key cannot be used" />
      ) : !data || (isFetching && data.xksKeyId !== id) ? (
        <Skeleton className="h-16 w-full" />
      ) : data.backend === "aws" || !data.metadata ? (
        <Alert tone="info">
          AWS KMS checks the external key when the key is created: it must be an AES_256 key, enabled, with ENCRYPT and DECRYPT usage, and
          not used by another KMS key of this store. The console cannot ask the proxy itself.
        </Alert>
      ) : (
        <>
          <ExternalKeyFacts xksKeyId={data.xksKeyId} metadata={data.metadata} />
          {externalKeyProblems(data.metadata).length === 0 ? (
            <p className="mt-3 text-sm text-muted-foreground">KMS can use this external key: AES_256, enabled, ENCRYPT and DECRYPT.</p>
          ) : null}
        </>
      )}
    </section>
  );
}
