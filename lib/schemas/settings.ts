import { z } from "zod";

// Console settings an administrator may change (persisted in the database; the environment's value
// is the default).

export const AUDIT_RETENTION_MIN_DAYS = 1;
/** 100 years: the bound of KEYHOLD_AUDIT_RETENTION_DAYS too. */
export const AUDIT_RETENTION_MAX_DAYS = 36_500;

export const ZAuditRetentionDays = z.coerce
  .number({ message: "Enter a number of days." })
  .int("Enter a whole number of days.")
  .min(AUDIT_RETENTION_MIN_DAYS, `Keep events for at least ${AUDIT_RETENTION_MIN_DAYS} day.`)
  .max(AUDIT_RETENTION_MAX_DAYS, `Keep events for at most ${AUDIT_RETENTION_MAX_DAYS.toLocaleString("en-US")} days (100 years).`);

export const ZUpdateSettingsRequest = z.object({ auditRetentionDays: ZAuditRetentionDays });
export type UpdateSettingsRequest = z.infer<typeof ZUpdateSettingsRequest>;

export const ZSettingsResponse = z.object({
  auditRetentionDays: z.number().int(),
  /** KEYHOLD_AUDIT_RETENTION_DAYS: what applies until an administrator sets a value. */
  auditRetentionDefaultDays: z.number().int(),
  /** Events deleted at once because the new retention is shorter (PUT only). */
  prunedEvents: z.number().int().optional(),
});
export type SettingsResponse = z.infer<typeof ZSettingsResponse>;
