"use client";

import { CircleCheck, CircleMinus, RotateCcw, Trash2, type LucideIcon } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { canCancelDeletion, canDisableKey, canEnableKey, canScheduleDeletion, UNAVAILABLE_NOTE } from "@/lib/console/key-actions.ts";
import type { ActionRule } from "@/lib/console/key-store-actions.ts";
import { useChangeKeyState, type KeyStateAction } from "@/lib/queries/keys.ts";
import type { KeySummary } from "@/lib/schemas/keys.ts";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { ScheduleDeletionDialog } from "./schedule-deletion-dialog.tsx";
import { UnavailableStateMenu } from "./unavailable-state-menu.tsx";

const DONE: Record<KeyStateAction["action"], string> = {
  enable: "Key enabled",
  disable: "Key disabled",
  "schedule-deletion": "Key deletion scheduled",
  "cancel-deletion": "Key deletion cancelled; the key is disabled",
};

/** Enable / Disable, Schedule deletion / Cancel deletion: each enabled only where the key state allows it, saying why not. */
export function KeyActions({ keyInfo }: { keyInfo: KeySummary }) {
  const change = useChangeKeyState(keyInfo.keyId);
  const [scheduling, setScheduling] = useState(false);
  const state = keyInfo.keyState;
  const [disabling, setDisabling] = useState(false);
  const run = (c: KeyStateAction, after?: () => void) =>
    change.mutate(c, {
      onSettled: after,
      onSuccess: (r) => {
        const stillUnavailable = r.keyState === "Unavailable" && (c.action === "enable" || c.action === "disable");
        toast({
          tone: stillUnavailable ? "info" : "success",
          title: stillUnavailable ? `${c.action === "enable" ? "Enable" : "Disable"} accepted; the key stays Unavailable` : DONE[c.action],
          description: stillUnavailable ? UNAVAILABLE_NOTE : undefined,
        });
      },
    });
  const btn = (rule: ActionRule, label: string, Icon: LucideIcon, onClick: () => void, testId: string) => (
    <GuardedButton rule={rule} variant="normal" onClick={onClick} disabled={change.isPending} data-testid={testId}>
      <Icon aria-hidden />
      {label}
    </GuardedButton>
  );
  // An Unavailable key takes Enable or Disable as the state it gets on reconnection (KMS does not say
  // which one is pending), so one menu offers both instead of two active buttons that contradict each other.
  const toggle =
    state === "Unavailable" ? (
      <UnavailableStateMenu disabled={change.isPending} onChoose={(action) => run({ action })} />
    ) : state === "Enabled" ? (
      btn(canDisableKey(state), "Disable", CircleMinus, () => setDisabling(true), "key-disable")
    ) : (
      btn(canEnableKey(state), "Enable", CircleCheck, () => run({ action: "enable" }), "key-enable")
    );
  return (
    <>
      {toggle}
      {state === "PendingDeletion"
        ? btn(canCancelDeletion(state), "Cancel key deletion", RotateCcw, () => run({ action: "cancel-deletion" }), "key-cancel-deletion")
        : btn(canScheduleDeletion(state), "Schedule key deletion", Trash2, () => setScheduling(true), "key-schedule-deletion")}
      {disabling ? (
        <ConfirmDialog
          title={`Disable ${keyInfo.aliases[0] ?? keyInfo.keyId}?`}
          description="A disabled key cannot be used in any cryptographic operation: applications that encrypt or decrypt with it fail with DisabledException until the key is enabled again. Its key material is kept."
          icon={CircleMinus}
          confirmLabel="Disable key"
          pendingLabel="Disabling…"
          pending={change.isPending}
          onConfirm={() => run({ action: "disable" }, () => setDisabling(false))}
          onClose={() => setDisabling(false)}
        >
          <p className="font-mono text-xs break-all text-muted-foreground">{keyInfo.keyId}</p>
        </ConfirmDialog>
      ) : null}
      {scheduling ? <ScheduleDeletionDialog keyInfo={keyInfo} onClose={() => setScheduling(false)} /> : null}
    </>
  );
}
