import "server-only";
import { ZAuditRetentionDays } from "@/lib/schemas/settings.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";

// The audit retention in days: an administrator's setting (a Setting row), else
// KEYHOLD_AUDIT_RETENTION_DAYS. Read on every pruning run, so a change applies from the next one.

export const AUDIT_RETENTION_SETTING = "audit.retention-days";

/** The retention in force; a stored value outside the bounds (edited by hand) falls back to the default. */
export async function auditRetentionDays(): Promise<number> {
  const row = await db().setting.findUnique({ where: { key: AUDIT_RETENTION_SETTING } });
  const stored = row ? ZAuditRetentionDays.safeParse(row.value) : undefined;
  return stored?.success ? stored.data : env().KEYHOLD_AUDIT_RETENTION_DAYS;
}
