"use client";

import { CircleCheck, LoaderCircle, XOctagon } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { connectSteps } from "@/lib/console/connection-failure.ts";
import type { ConnectionState, KeyStoreType } from "@/lib/schemas/key-stores.ts";
import { cn } from "@/lib/utils.ts";

/**
 * Progress of a connect the user started here, driven only by the state the server reports (polled
 * every second): Connecting … → Connected, or Failed with the error code. CloudHSM connects can take
 * up to 20 minutes on AWS; the elapsed time shows it is still working.
 */
export function ConnectProgress({
  state,
  errorCode,
  startedAt,
  onDismiss,
  storeType,
}: {
  storeType?: KeyStoreType;
  state: ConnectionState;
  errorCode?: string;
  startedAt: number;
  onDismiss: () => void;
}) {
  const [now, setNow] = useState(() => Date.now());
  const done = state === "CONNECTED" || state === "FAILED" || state === "DISCONNECTED";
  const [endedAt, setEndedAt] = useState<number | null>(null);
  useEffect(() => {
    if (done) {
      // Once, when the server reports the end: freezes the elapsed time shown.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setEndedAt((e) => e ?? Date.now());
      return;
    }
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [done]);
  const seconds = Math.max(0, Math.round(((endedAt ?? now) - startedAt) / 1000));
  const steps = connectSteps(state, errorCode, storeType);
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="connect-progress"
      className={cn(
        "rounded-xl border-2 px-5 py-4",
        state === "FAILED"
          ? "border-destructive bg-destructive-soft"
          : state === "CONNECTED"
            ? "border-success bg-success-soft"
            : "border-info bg-info-soft",
      )}
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="font-bold">
          {state === "CONNECTED"
            ? `Connected in ${seconds} s`
            : state === "FAILED"
              ? `Connection failed after ${seconds} s`
              : state === "CONNECTING"
                ? `Connecting… ${seconds} s`
                : `Connect ended: ${state.toLowerCase()}`}
        </p>
        {done ? (
          <Button variant="link" size="sm" onClick={onDismiss}>
            Dismiss
          </Button>
        ) : (
          <span className="text-xs text-muted-foreground">Checking every second. On AWS a CloudHSM connect can take up to 20 minutes.</span>
        )}
      </div>
      <ol className="mt-3 flex flex-col gap-1.5 text-sm">
        {steps.map((s) => (
          <li key={s.label} className="flex items-center gap-2" data-status={s.status}>
            {s.status === "done" ? (
              <CircleCheck className="size-4 text-success" aria-hidden />
            ) : s.status === "active" ? (
              <LoaderCircle className="size-4 animate-spin text-info" aria-hidden />
            ) : s.status === "failed" ? (
              <XOctagon className="size-4 text-destructive" aria-hidden />
            ) : (
              <span className="size-4 rounded-full border-2 border-border" aria-hidden />
            )}
            <span className={s.status === "todo" ? "text-muted-foreground" : undefined}>{s.label}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
