import "server-only";
import type { AuditFilters } from "@/lib/schemas/audit.ts";
import { principalArn } from "@/lib/server/platform/identity/principal-arn.ts";
import { STATUS_SERVICE_USER } from "@/lib/server/console/status/status-clients.ts";

// The filters of the audit page as one Prisma `where`, shared by the page's list and its export, so
// the file a user downloads holds exactly the events the page shows.

export function auditWhere(f: AuditFilters) {
  const and: object[] = [];
  if (f.from || f.to) and.push({ time: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lte: new Date(f.to) } : {}) } });
  if (f.user) and.push({ principalArn: principalArn(f.user) });
  if (f.event) and.push({ eventName: f.event });
  if (f.accessKeyId) and.push({ accessKeyId: f.accessKeyId });
  // Resources are stored as a JSON list of ARNs and ids: a key id or ARN, or a store id, is found inside it.
  if (f.key) and.push({ resources: { contains: f.key } });
  if (f.store) and.push({ resources: { contains: f.store } });
  if (f.error === "any") and.push({ errorCode: { not: null } });
  else if (f.error === "none") and.push({ errorCode: null });
  else if (f.error) and.push({ errorCode: f.error });
  // The status poller's reads are hidden unless asked for, or unless its events are what is asked for.
  if (f.system !== "show" && f.user !== STATUS_SERVICE_USER) {
    and.push({ OR: [{ principalArn: null }, { principalArn: { not: principalArn(STATUS_SERVICE_USER) } }] });
  }
  return { AND: and };
}
