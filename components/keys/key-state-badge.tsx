import { CircleCheck, CircleMinus, CircleSlash, Clock, LoaderCircle, Trash2, Unplug, Upload, type LucideIcon } from "lucide-react";
import { Badge, type BadgeTone } from "@/components/ui/badge.tsx";
import type { KeyState } from "@/lib/schemas/keys.ts";

/** Every KeyState's label, colour, icon and meaning; exhaustive over the KMS enum. */
export const KEY_STATE_BADGES: Record<KeyState, { label: string; tone: BadgeTone; icon: LucideIcon; spin?: boolean; meaning: string }> = {
  Enabled: { label: "Enabled", tone: "success", icon: CircleCheck, meaning: "The key can be used in cryptographic operations." },
  Disabled: {
    label: "Disabled",
    tone: "neutral",
    icon: CircleMinus,
    meaning: "The key is disabled: cryptographic operations fail with DisabledException.",
  },
  PendingDeletion: {
    label: "Pending deletion",
    tone: "warning",
    icon: Trash2,
    meaning: "The key will be deleted at the end of its waiting period; cancel the deletion to keep it.",
  },
  Unavailable: {
    label: "Unavailable",
    tone: "danger",
    icon: Unplug,
    meaning: "Its custom key store is disconnected: the key cannot be used until the store is connected again.",
  },
  PendingImport: { label: "Pending import", tone: "warning", icon: Upload, meaning: "The key is waiting for imported key material." },
  Creating: { label: "Creating", tone: "info", icon: LoaderCircle, spin: true, meaning: "The key is being created." },
  Updating: { label: "Updating", tone: "info", icon: LoaderCircle, spin: true, meaning: "The key's primary Region is being updated." },
  PendingReplicaDeletion: {
    label: "Pending replica deletion",
    tone: "warning",
    icon: Clock,
    meaning: "The replica keys are being deleted.",
  },
};

export function KeyStateBadge({ state }: { state: KeyState }) {
  const b = KEY_STATE_BADGES[state] ?? { label: state, tone: "neutral" as const, icon: CircleSlash, meaning: "" };
  const Icon = b.icon;
  return (
    <Badge tone={b.tone} title={b.meaning} data-testid="key-state" data-state={state}>
      <Icon className={b.spin ? "animate-spin" : undefined} aria-hidden />
      {b.label}
    </Badge>
  );
}
