import { CircleCheck, CircleDashed, CircleMinus, LoaderCircle, XOctagon, type LucideIcon } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import { CONNECTION_ERROR_HELP } from "@/lib/console/connection-errors.ts";
import type { ConnectionErrorCode, ConnectionState } from "@/lib/schemas/key-stores.ts";

/** Every connection state's label, colour and icon; exhaustive, so a new state fails the build. */
export const CONNECTION_STATE_BADGES: Record<ConnectionState, { label: string; tone: BadgeTone; icon: LucideIcon; spin?: boolean }> = {
  CONNECTED: { label: "Connected", tone: "success", icon: CircleCheck },
  CONNECTING: { label: "Connecting", tone: "info", icon: LoaderCircle, spin: true },
  DISCONNECTED: { label: "Disconnected", tone: "neutral", icon: CircleMinus },
  DISCONNECTING: { label: "Disconnecting", tone: "info", icon: LoaderCircle, spin: true },
  FAILED: { label: "Failed", tone: "danger", icon: XOctagon },
};

/** The Connection state badge. When FAILED, the error code is IN the badge, and its cause in the tooltip. */
export function ConnectionStateBadge({
  state,
  errorCode,
  compact,
}: {
  state: ConnectionState;
  errorCode?: ConnectionErrorCode | string;
  compact?: boolean;
}) {
  const b = CONNECTION_STATE_BADGES[state] ?? { label: state, tone: "neutral" as const, icon: CircleDashed };
  const Icon = b.icon;
  const help = errorCode ? CONNECTION_ERROR_HELP[errorCode as ConnectionErrorCode] : undefined;
  return (
    <Badge
      tone={b.tone}
      // In a table column (compact) a long error code may wrap under the state instead of widening the column.
      className={compact ? "flex-wrap rounded-lg" : undefined}
      data-testid="connection-state"
      data-state={state}
      title={help ? `${errorCode}: ${help.cause}` : undefined}
    >
      <Icon className={b.spin ? "animate-spin" : undefined} aria-hidden />
      {b.label}
      {state === "FAILED" && errorCode ? (
        // Compact: the code takes its own line (no "·" left dangling at the start of it).
        <span className={compact ? "basis-full font-mono text-[11px] font-normal" : "font-mono text-[11px] font-normal"}>
          {compact ? errorCode : `· ${errorCode}`}
        </span>
      ) : null}
    </Badge>
  );
}
