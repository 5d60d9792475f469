import { ZAuditFilters, ZAuditListResponse } from "@/lib/schemas/audit.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { listAuditEvents } from "@/lib/server/console/audit/list-audit-events.ts";

export const dynamic = "force-dynamic";

/** GET /api/audit?from&to&user&event&accessKeyId&key&store&error&system&page&size — one page of events, newest first. */
export const GET = withSession(
  async ({ request, requestId }) => {
    const filters = ZAuditFilters.parse(Object.fromEntries(request.nextUrl.searchParams));
    return jsonResponse(ZAuditListResponse, await listAuditEvents(filters), { requestId });
  },
  { permission: "audit:read" },
);
