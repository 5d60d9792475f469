"use client";

import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { LocalTime } from "@/components/shell/local-time.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { connectionErrorHelp } from "@/lib/console/connection-errors.ts";
import { XKS_RECOMMENDED_RTT_MS, XKS_TIMEOUT_MS, type KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { XksFleet } from "./xks-fleet.tsx";
import { XksLatency } from "./xks-latency.tsx";

/** The proxy settings as KeyValues: the store page's and the wizard review's (the secret is never among them). */
export function XksProxyValues({
  connectivity,
  uriEndpoint,
  uriPath,
  accessKeyId,
  vpcEndpointServiceName,
}: NonNullable<KeyStoreSummary["xksProxy"]>) {
  const mono = (v?: string) => <span className="font-mono text-xs [overflow-wrap:anywhere]">{v}</span>;
  const vpc = connectivity === "VPC_ENDPOINT_SERVICE";
  return (
    <>
      <KeyValue label="Proxy connectivity">{vpc ? "VPC endpoint service" : "Public endpoint"}</KeyValue>
      <KeyValue label="Proxy URI endpoint">{mono(uriEndpoint)}</KeyValue>
      <KeyValue label="Proxy URI path">{mono(uriPath)}</KeyValue>
      <KeyValue label="Proxy credential: Access key ID">{mono(accessKeyId)}</KeyValue>
      {vpc ? <KeyValue label="VPC endpoint service name">{mono(vpcEndpointServiceName)}</KeyValue> : null}
    </>
  );
}

/** An external key store's proxy configuration (the secret is never returned: only the access key ID). */
export function XksProxyConfiguration({ store: s }: { store: KeyStoreSummary }) {
  return (
    <SectionCard title="External key store proxy configuration" data-testid="xks-proxy-configuration">
      <KeyValueGrid>
        <XksProxyValues {...s.xksProxy} />
      </KeyValueGrid>
    </SectionCard>
  );
}

/**
 * What the proxy reported to the console's last health checks (the status poller's GetHealthStatus,
 * cached): the fleet, and the latency of each check against the 250 ms timeout and the 35 ms
 * recommendation. Kept while the proxy or the backend is down.
 */
export function XksProxyHealthSection({ store: s }: { store: KeyStoreSummary }) {
  const h = s.xksHealth;
  const last = h?.probes[0];
  return (
    <SectionCard
      title="Proxy health"
      description={`The console sends the proxy GetHealthStatus as KMS does, with each status check. KMS waits at most ${XKS_TIMEOUT_MS} ms for an answer and recommends a round trip of ${XKS_RECOMMENDED_RTT_MS} ms or less.`}
      data-testid="xks-health"
    >
      {!h || !last ? (
        <p className="text-sm text-muted-foreground">
          No health check yet. With the local backend the status poller checks the proxy every few seconds; AWS KMS has no API that returns
          a proxy&apos;s health (see its CloudWatch metrics).
        </p>
      ) : (
        <div className="flex flex-col gap-4">
          {last.ok ? (
            <Alert tone="success" title="The proxy answered the last check" data-testid="xks-health-state" data-ok="true">
              Checked <LocalTime iso={last.at} /> — <XksLatency ms={last.latencyMs} />
            </Alert>
          ) : (
            <Alert
              tone="error"
              title={<span className="[overflow-wrap:anywhere]">Last check failed: {last.errorCode}</span>}
              data-testid="xks-health-state"
              data-ok="false"
            >
              <p>{last.errorCode ? connectionErrorHelp(last.errorCode, "EXTERNAL_KEY_STORE").cause : null}</p>
              {last.message ? <p className="mt-1 font-mono text-xs [overflow-wrap:anywhere]">{last.message}</p> : null}
              <p className="mt-1 text-xs">
                Checked <LocalTime iso={last.at} />. Crypto operations with keys in this store fail with KMSInvalidStateException until the
                proxy answers again.
              </p>
            </Alert>
          )}
          {h.report ? (
            <div className="flex flex-col gap-1">
              <h3 className="text-sm font-bold">
                Fleet{" "}
                {h.reportAt ? (
                  <span className="font-normal text-muted-foreground">
                    (reported <LocalTime iso={h.reportAt} />)
                  </span>
                ) : null}
              </h3>
              <XksFleet report={h.report} />
            </div>
          ) : null}
          <div className="flex flex-col gap-1">
            <h3 className="text-sm font-bold">Latency of the last checks</h3>
            <ol className="flex flex-col gap-1 text-sm" data-testid="xks-latency-history">
              {h.probes.slice(0, 8).map((p) => (
                <li key={p.at} className="flex flex-wrap items-center gap-2">
                  <span className="w-44 text-xs text-muted-foreground tabular-nums">
                    <LocalTime iso={p.at} />
                  </span>
                  {p.ok ? <XksLatency ms={p.latencyMs} /> : <Badge tone="danger">{p.errorCode}</Badge>}
                </li>
              ))}
            </ol>
          </div>
        </div>
      )}
    </SectionCard>
  );
}
