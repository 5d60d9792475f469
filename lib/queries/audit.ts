import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/api-client.ts";
import { ZAuditListResponse, type AuditFilters } from "@/lib/schemas/audit.ts";

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, "list", filters] as const,
};

/** The query string of a filter set (also the export's). */
export function auditQueryString(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params.toString();
}

export function useAuditEvents(filters: AuditFilters) {
  return useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ signal }) => apiFetch(`/api/audit?${auditQueryString(filters)}`, { schema: ZAuditListResponse, signal }),
    placeholderData: keepPreviousData,
  });
}
