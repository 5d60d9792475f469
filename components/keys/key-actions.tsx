"use client";

import { CircleCheck, CircleMinus, RotateCcw, Trash2, type LucideIcon } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { canCancelDeletion, canDisableKey, canEnableKey, canScheduleDeletion, UNAVAILABLE_NOTE } from "@/lib/console/key-actions.ts";
import type { ActionRule } from "@/lib/console/key-store-actions.ts";
import { useChangeKeyState, type KeyStateAction } from "@/lib/queries/keys.ts";
import type { KeySummary } from "@/lib/schemas/keys.ts";
import { ScheduleDeletionDialog } from "./schedule-deletion-dialog.tsx";

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
  const run = (c: KeyStateAction) =>
    change.mutate(c, {
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
    <span
      title={rule.allowed ? (state === "Unavailable" && testId.endsWith("able") ? UNAVAILABLE_NOTE : undefined) : rule.reason}
      className="inline-flex"
    >
      <Button variant="normal" onClick={onClick} disabled={!rule.allowed || change.isPending} data-testid={testId}>
        <Icon aria-hidden />
        {label}
      </Button>
    </span>
  );
  const toggle =
    state === "Enabled" || (state === "Unavailable" && !keyInfo.deletionDate)
      ? btn(canDisableKey(state), "Disable", CircleMinus, () => run({ action: "disable" }), "key-disable")
      : btn(canEnableKey(state), "Enable", CircleCheck, () => run({ action: "enable" }), "key-enable");
  return (
    <>
      {state === "Unavailable" ? btn(canEnableKey(state), "Enable", CircleCheck, () => run({ action: "enable" }), "key-enable") : null}
      {toggle}
      {state === "PendingDeletion"
        ? btn(canCancelDeletion(state), "Cancel key deletion", RotateCcw, () => run({ action: "cancel-deletion" }), "key-cancel-deletion")
        : btn(canScheduleDeletion(state), "Schedule key deletion", Trash2, () => setScheduling(true), "key-schedule-deletion")}
      {scheduling ? <ScheduleDeletionDialog keyInfo={keyInfo} onClose={() => setScheduling(false)} /> : null}
    </>
  );
}
