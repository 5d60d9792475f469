import { XKS_RECOMMENDED_RTT_MS, XKS_TIMEOUT_MS } from "@/lib/schemas/key-stores.ts";

/** A latency against KMS's 250 ms timeout and its 35 ms round-trip recommendation, in words and a bar. */
export function XksLatency({ ms }: { ms: number }) {
  const verdict =
    ms >= XKS_TIMEOUT_MS
      ? { text: `at or over the ${XKS_TIMEOUT_MS} ms timeout`, tone: "bg-destructive" }
      : ms > XKS_RECOMMENDED_RTT_MS
        ? { text: `over the ${XKS_RECOMMENDED_RTT_MS} ms KMS recommends`, tone: "bg-warning" }
        : { text: `within the ${XKS_RECOMMENDED_RTT_MS} ms KMS recommends`, tone: "bg-success" };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-mono tabular-nums">{ms.toFixed(1)} ms</span>
      <span className="relative inline-block h-2 w-24 overflow-hidden rounded bg-muted" aria-hidden>
        <span className={`absolute inset-y-0 left-0 ${verdict.tone}`} style={{ width: `${Math.min(100, (ms / XKS_TIMEOUT_MS) * 100)}%` }} />
        <span className="absolute inset-y-0 w-px bg-foreground" style={{ left: `${(XKS_RECOMMENDED_RTT_MS / XKS_TIMEOUT_MS) * 100}%` }} />
      </span>
      <span className="text-xs text-muted-foreground">{verdict.text}</span>
    </span>
  );
}
