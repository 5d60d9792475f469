import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { auditKeys } from "@/lib/queries/audit.ts";
import { AUDIT_FILTER_KEYS, ZAuditFilters, ZAuditListResponse } from "@/lib/schemas/audit.ts";
import type { SessionContext } from "@/lib/server/console/auth/session-context.ts";
import { hasPermission } from "@/lib/server/platform/identity/permissions.ts";
import { listAuditEvents } from "./list-audit-events.ts";

/**
 * The audit page's first data, rendered on the server: the page of events its URL asks for, under the
 * query key the browser's hook uses (the same filters, parsed the same way), so the table shows rows at
 * first paint. Without audit:read, or on a failure, the query stays empty and the browser asks (and
 * shows the refusal or the error).
 */
export async function prefetchAuditEvents(
  queryClient: QueryClient,
  session: SessionContext,
  searchParams: Record<string, string | string[] | undefined>,
): Promise<void> {
  if (!hasPermission(session.user.role, "audit:read")) return;
  const filters = ZAuditFilters.parse(
    Object.fromEntries(
      [...AUDIT_FILTER_KEYS, "page", "size"].map((k) => {
        const v = searchParams[k];
        return [k, Array.isArray(v) ? v[0] : v];
      }),
    ),
  );
  try {
    queryClient.setQueryData(auditKeys.list(filters), ZAuditListResponse.parse(await listAuditEvents(filters)));
  } catch (e) {
    console.warn("[keyhold] prefetching the audit page failed; the browser will ask again:", e);
  }
}
