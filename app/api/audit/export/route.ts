import { ZAuditFilters } from "@/lib/schemas/audit.ts";
import { REQUEST_ID_HEADER } from "@/lib/server/console/api/error-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { exportAuditEvents } from "@/lib/server/console/audit/export-audit-events.ts";

export const dynamic = "force-dynamic";

/** GET /api/audit/export?… (the page's filters) — the filtered events as CloudTrail records, one JSON object a line. */
export const GET = withSession(
  async ({ request, requestId }) => {
    const filters = ZAuditFilters.parse(Object.fromEntries(request.nextUrl.searchParams));
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    return new Response(exportAuditEvents(filters), {
      headers: {
        "content-type": "application/x-ndjson; charset=utf-8",
        "content-disposition": `attachment; filename="keyhold-audit-${stamp}.jsonl"`,
        "cache-control": "no-store",
        [REQUEST_ID_HEADER]: requestId,
      },
    });
  },
  { permission: "audit:read" },
);
