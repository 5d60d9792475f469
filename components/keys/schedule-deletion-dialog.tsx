"use client";

import { Trash2 } from "lucide-react";
import { useState } from "react";
import { z } from "zod";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { Alert } from "@/components/ui/alert.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formatDateTime } from "@/lib/console/format.ts";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useChangeKeyState } from "@/lib/queries/keys.ts";
import { ZScheduleKeyDeletionRequest, type KeySummary } from "@/lib/schemas/keys.ts";

/** The request, and the acknowledgement the dialog asks for first (not sent). */
const ZScheduleDeletionForm = ZScheduleKeyDeletionRequest.extend({
  ack: z.literal(true, { error: "Confirm that you understand the key and its data become unusable." }),
});

/** Schedule deletion: a waiting period of 7–30 days, and an explicit acknowledgement. */
export function ScheduleDeletionDialog({ keyInfo, onClose }: { keyInfo: KeySummary; onClose: () => void }) {
  const change = useChangeKeyState(keyInfo.keyId, { toast: false });
  const form = useSchemaForm({ pendingWindowInDays: "30", ack: false });
  const { values, errors } = form;
  const { pendingWindowInDays: days, ack } = values;
  // The deletion date is shown relative to when the dialog opened (render must not read the clock).
  const [openedAt] = useState(() => Date.now());
  const parsedDays = Number(days);
  const when =
    Number.isInteger(parsedDays) && parsedDays >= 7 && parsedDays <= 30
      ? new Date(openedAt + parsedDays * 86_400_000).toISOString()
      : undefined;
  const submit = () => {
    const data = form.check(ZScheduleDeletionForm, { pendingWindowInDays: days === "" ? undefined : days, ack });
    if (!data) return;
    change.mutate(
      { action: "schedule-deletion", pendingWindowInDays: data.pendingWindowInDays },
      {
        onSuccess: () => {
          toast({ tone: "success", title: "Key deletion scheduled", description: `You can cancel it until ${formatDateTime(when)}.` });
          onClose();
        },
        onError: form.showServerErrors,
      },
    );
  };
  return (
    <ConfirmDialog
      onClose={onClose}
      title="Schedule key deletion"
      description="Deleting a KMS key is destructive: data encrypted under it can never be decrypted again. The key becomes unusable at once; until the waiting period ends you can cancel the deletion."
      icon={Trash2}
      confirmLabel="Schedule deletion"
      pendingLabel="Scheduling…"
      pending={change.isPending}
      onConfirm={submit}
    >
      <Field
        label="Waiting period (in days)"
        constraint={when ? `Between 7 and 30 days. The key would be deleted on ${formatDateTime(when)}.` : "Between 7 and 30 days."}
        error={errors.pendingWindowInDays}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={7}
          max={30}
          value={days}
          onChange={(e) => form.set("pendingWindowInDays", e.target.value)}
          className="w-32"
        />
      </Field>
      {keyInfo.origin === "AWS_CLOUDHSM" ? (
        <Alert tone="info">
          Keep the key store connected until the waiting period ends: KMS deletes the key material from the cluster only if it can reach it.
          Material in cluster backups is never deleted.
        </Alert>
      ) : null}
      {keyInfo.origin === "EXTERNAL_KEY_STORE" ? (
        <Alert tone="warning" data-testid="xks-deletion-warning">
          A deleted key in an external key store can never be recreated, not even from the same external key: KMS deletes its own key
          material, without which no ciphertext made under this key can be decrypted. The external key itself is not touched.
        </Alert>
      ) : null}
      <div className="flex flex-col gap-1">
        <label className="flex cursor-pointer items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={ack}
            onChange={(e) => form.set("ack", e.target.checked)}
            className="mt-0.5 size-4 accent-[var(--color-link)]"
            aria-invalid={errors.ack ? true : undefined}
          />
          I understand that data encrypted under {keyInfo.aliases[0] ?? keyInfo.keyId} becomes unrecoverable once the key is deleted.
        </label>
        {errors.ack ? (
          <p className="text-xs font-bold text-destructive" data-testid="field-error">
            {errors.ack}
          </p>
        ) : null}
      </div>
      <ApiErrorAlert error={formLevelError(change.error)} />
    </ConfirmDialog>
  );
}
