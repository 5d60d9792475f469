"use client";

import { RefreshCw } from "lucide-react";
import { ErrorText } from "@/components/shell/api-error-alert.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { useKeyExternalKey } from "@/lib/queries/external-keys.ts";
import { ExternalKeyFacts } from "./external-key-facts.tsx";

/** Proxy failures that mean "the console could not reach or use the proxy", not "the key is wrong". */
const PROXY_DOWN = new Set([
  "XksProxyUriUnreachableException",
  "XksProxyInvalidResponseException",
  "XksProxyInvalidConfigurationException",
]);

/**
 * A key's External key tab: what the store's proxy says of the external key now (status, spec, usage),
 * asked as KMS asks it. With real AWS the console cannot ask the proxy, and says what KMS shows instead.
 */
export function KeyExternalKeyTab({ keyId, xksKeyId }: { keyId: string; xksKeyId: string }) {
  const { data, error, refetch, isFetching } = useKeyExternalKey(keyId);
  const refresh = (
    <Button variant="normal" size="sm" onClick={() => void refetch()} disabled={isFetching}>
      <RefreshCw aria-hidden className={isFetching ? "animate-spin" : undefined} />
      Ask the proxy again
    </Button>
  );
  if (error) {
    const down = isApiError(error) && PROXY_DOWN.has(error.code);
    return (
      <div className="flex flex-col gap-3" data-testid="external-key-tab">
        <Alert
          tone="error"
          title={down ? "The external key store proxy cannot be reached" : "The proxy could not describe this external key"}
        >
          <ErrorText error={error} />
          <p className="mt-2">
            {down
              ? "While the proxy is unreachable, every cryptographic operation with this key fails with KMSInvalidStateException, though the key stays Enabled. Check that the proxy runs and that the key store's URI, path and credential match it."
              : "Cryptographic operations with this key fail until the external key is available again."}
          </p>
          <p className="mt-1 text-xs">
            External key ID: <span className="font-mono">{xksKeyId}</span>
          </p>
        </Alert>
        <div>{refresh}</div>
      </div>
    );
  }
  if (!data) return <Skeleton className="h-24 w-full" />;
  if (data.backend === "aws" || !data.metadata) {
    return (
      <div className="flex flex-col gap-3" data-testid="external-key-tab">
        <ExternalKeyIdOnly xksKeyId={xksKeyId} />
        <Alert tone="info">
          With AWS KMS the console cannot ask the proxy itself (it holds no proxy credential). The AWS KMS console shows the external key
          status and usage that the proxy last reported to KMS; a disabled or missing external key shows as KMSInvalidStateException on
          Encrypt and Decrypt, while the KMS key stays Enabled.
        </Alert>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3" data-testid="external-key-tab">
      <ExternalKeyFacts xksKeyId={data.xksKeyId} metadata={data.metadata} />
      {data.metadata.keyStatus === "DISABLED" ? (
        <Alert tone="warning" title="The external key is disabled in the proxy">
          Encrypt and Decrypt with this KMS key fail with KMSInvalidStateException until the external key is enabled again. The KMS key
          itself stays Enabled.
        </Alert>
      ) : null}
      <div>{refresh}</div>
    </div>
  );
}

function ExternalKeyIdOnly({ xksKeyId }: { xksKeyId: string }) {
  return (
    <p className="text-sm">
      <span className="text-muted-foreground">External key ID </span>
      <span className="font-mono text-xs">{xksKeyId}</span>
    </p>
  );
}
