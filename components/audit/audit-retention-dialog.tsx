"use client";

import { CalendarClock } from "lucide-react";
import { ApiErrorAlert } from "@/components/shell/api-error-alert.tsx";
import { FormDialog } from "@/components/shell/form-dialog.tsx";
import { Field } from "@/components/ui/field.tsx";
import { Input } from "@/components/ui/input.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { formLevelError, useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useUpdateSettings } from "@/lib/queries/settings.ts";
import { AUDIT_RETENTION_MAX_DAYS, AUDIT_RETENTION_MIN_DAYS, ZUpdateSettingsRequest } from "@/lib/schemas/settings.ts";

/** Admins: how long audit events are kept. A shorter period deletes the older events at once. */
export function AuditRetentionDialog({ days, defaultDays, onClose }: { days: number; defaultDays: number; onClose: () => void }) {
  const update = useUpdateSettings();
  const form = useSchemaForm({ auditRetentionDays: String(days) });
  const value = form.values.auditRetentionDays;

  const submit = () => {
    const data = form.check(ZUpdateSettingsRequest, { auditRetentionDays: value === "" ? undefined : value });
    if (!data) return;
    update.mutate(data, {
      onSuccess: ({ auditRetentionDays, prunedEvents }) => {
        toast({
          tone: "success",
          title: `Audit events are kept for ${auditRetentionDays} days`,
          description: prunedEvents ? `${prunedEvents} older events were deleted.` : undefined,
        });
        onClose();
      },
      onError: form.showServerErrors,
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
        error={form.errors.auditRetentionDays}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={AUDIT_RETENTION_MIN_DAYS}
          max={AUDIT_RETENTION_MAX_DAYS}
          value={value}
          onChange={(e) => form.set("auditRetentionDays", e.target.value)}
          className="w-32"
        />
      </Field>
      {formLevelError(update.error) ? <ApiErrorAlert error={update.error} title="The retention was not changed" /> : null}
    </FormDialog>
  );
}
