"use client";

import { CalendarClock } from "lucide-react";
import { useState } from "react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { FormDialog } from "@/components/shell/form-dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { validate } from "@/lib/console/zod-fields.ts";
import { useUpdateSettings } from "@/lib/queries/settings.ts";
import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, ZUpdateSettingsRequest } from "@/lib/schemas/settings.ts";

/** Admins: how long audit events are kept. A shorter period deletes the older events at once. */
export function AuditRetentionDialog({ days, defaultDays, onClose }: { days: number; defaultDays: number; onClose: () => void }) {
  const update = useUpdateSettings();
  const [value, setValue] = useState(String(days));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const serverFields = isApiError(update.error) ? (update.error.fields ?? {}) : {};
  const error = errors.auditRetentionDays ?? serverFields.auditRetentionDays;

  const submit = () => {
    const result = validate(ZUpdateSettingsRequest, { auditRetentionDays: value === "" ? undefined : value });
    setErrors(result.errors ?? {});
    if (!result.data) return;
    update.mutate(result.data, {
      onSuccess: ({ auditRetentionDays, prunedEvents }) => {
        toast({
          tone: "success",
          title: `Audit events are kept for ${auditRetentionDays} days`,
          description: prunedEvents ? `${prunedEvents} older events were deleted.` : undefined,
        });
        onClose();
      },
    });
  };

  return (
    <FormDialog
      onClose={onClose}
      onSubmit={submit}
      pending={update.isPending}
      title="Audit log retention"
      description="Events older than this are deleted in the background. A shorter period deletes the older events as soon as you save; they cannot be restored. Export them first if you need them."
      icon={CalendarClock}
      submitLabel="Save retention"
      pendingLabel="Saving…"
    >
      <Field
        label="Keep events for (days)"
        constraint={`Between ${AUDIT_RETENTION_MIN_DAYS} and ${AUDIT_RETENTION_MAX_DAYS.toLocaleString("en-US")} days. The server's default is ${defaultDays}.`}
        error={error}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={AUDIT_RETENTION_MIN_DAYS}
          max={AUDIT_RETENTION_MAX_DAYS}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="w-32"
        />
      </Field>
      {update.error && !error ? <ApiErrorAlert error={update.error} title="The retention was not changed" /> : null}
    </FormDialog>
  );
}
