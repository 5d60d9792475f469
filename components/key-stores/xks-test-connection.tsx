"use client";

import { PlugZap } from "lucide-react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { CONNECTION_ERROR_HELP } from "@/lib/console/connection-errors.ts";
import { useTestXksConnection } from "@/lib/queries/key-stores.ts";
import type { TestXksConnectionRequest } from "@/lib/schemas/key-stores.ts";
import { XksFleet } from "./xks-fleet.tsx";
import { XksLatency } from "./xks-latency.tsx";

/**
 * "Test connection": the proxy's GetHealthStatus with the values entered, before anything is created.
 * `request` returns the validated request, or undefined after showing the field errors.
 */
export function XksTestConnection({ request }: { request: () => TestXksConnectionRequest | undefined }) {
  const test = useTestXksConnection();
  const r = test.data;
  return (
    <div className="flex flex-col gap-2" data-testid="xks-test-connection">
      <div>
        <Button
          variant="normal"
          disabled={test.isPending}
          onClick={() => {
            const body = request();
            if (body) test.mutate(body);
          }}
        >
          <PlugZap aria-hidden />
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
      </div>
      <div aria-live="polite">
        {test.error ? <ApiErrorAlert error={test.error} title="The connection could not be tested" /> : null}
        {r && !test.isPending ? (
          !r.supported ? (
            <Alert tone="info" title="KMS tests the proxy on create">
              {r.message}
            </Alert>
          ) : r.ok ? (
            <Alert tone="success" title="The proxy answered GetHealthStatus" data-testid="xks-test-ok">
              <div className="flex flex-col gap-2">
                <span>
                  Latency: <XksLatency ms={r.latencyMs} />
                </span>
                {r.report ? <XksFleet report={r.report} /> : null}
              </div>
            </Alert>
          ) : (
            <Alert
              tone="error"
              title={<span className="[overflow-wrap:anywhere]">Connection test failed: {r.errorCode}</span>}
              data-testid="xks-test-failed"
            >
              <p>{r.errorCode ? CONNECTION_ERROR_HELP[r.errorCode].cause : null}</p>
              {r.message ? <p className="mt-1 font-mono text-xs [overflow-wrap:anywhere]">{r.message}</p> : null}
            </Alert>
          )
        ) : null}
      </div>
    </div>
  );
}
