import { CircleCheck, CircleMinus } from "lucide-react";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { externalKeyProblems, type ExternalKeyMetadata } from "@/lib/schemas/external-keys.ts";

/** ENABLED / DISABLED as the proxy reports an external key. */
export function ExternalKeyStatusBadge({ status }: { status: "ENABLED" | "DISABLED" }) {
  return status === "ENABLED" ? (
    <Badge tone="success">
      <CircleCheck aria-hidden className="size-3.5" /> Enabled
    </Badge>
  ) : (
    <Badge tone="warning">
      <CircleMinus aria-hidden className="size-3.5" /> Disabled
    </Badge>
  );
}

/** What a proxy says of an external key (spec, usage, status), and why KMS could not use it, if so. */
export function ExternalKeyFacts({ xksKeyId, metadata }: { xksKeyId: string; metadata: ExternalKeyMetadata }) {
  const problems = externalKeyProblems(metadata);
  return (
    <div className="flex flex-col gap-3" data-testid="external-key-facts">
      <KeyValueGrid>
        <KeyValue label="External key ID">
          <span className="font-mono text-xs [overflow-wrap:anywhere]">{xksKeyId}</span>
        </KeyValue>
        <KeyValue label="External key status">
          <span data-testid="external-key-status">
            <ExternalKeyStatusBadge status={metadata.keyStatus} />
          </span>
        </KeyValue>
        <KeyValue label="Key spec">{metadata.keySpec}</KeyValue>
        <KeyValue label="External key usage">{metadata.keyUsage.join(", ") || "—"}</KeyValue>
        {metadata.latencyMs !== undefined ? <KeyValue label="Proxy answered in">{metadata.latencyMs} ms</KeyValue> : null}
      </KeyValueGrid>
      {problems.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-destructive" data-testid="external-key-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
