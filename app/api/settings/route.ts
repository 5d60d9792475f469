import { ZSettingsResponse, ZUpdateSettingsRequest } from "@/lib/schemas/settings.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";
import { auditRetentionDays } from "@/lib/server/platform/audit/audit-retention-setting.ts";
import { setAuditRetention } from "@/lib/server/platform/audit/set-audit-retention.ts";
import { env } from "@/lib/server/platform/env.ts";

export const dynamic = "force-dynamic";

/** GET /api/settings — the console settings in force (the audit retention) and their defaults. */
export const GET = withSession(
  async ({ requestId }) =>
    jsonResponse(
      ZSettingsResponse,
      { auditRetentionDays: await auditRetentionDays(), auditRetentionDefaultDays: env().KEYHOLD_AUDIT_RETENTION_DAYS },
      { requestId },
    ),
  { permission: "audit:read" },
);

/** PUT /api/settings — admins: change the audit retention (audited; older events are deleted at once). */
export const PUT = withSession(
  async ({ request, requestId, session }) => {
    const { auditRetentionDays: days } = await parseBody(request, ZUpdateSettingsRequest);
    const { prunedEvents } = await setAuditRetention({ days, actor: actorFromRequest(request, requestId, session.user.principalArn) });
    return jsonResponse(
      ZSettingsResponse,
      { auditRetentionDays: days, auditRetentionDefaultDays: env().KEYHOLD_AUDIT_RETENTION_DAYS, prunedEvents },
      { requestId },
    );
  },
  { permission: "settings:manage" },
);
