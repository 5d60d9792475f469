import { z } from "zod";

// The audit log page: filters (also the page's URL parameters), the events it lists, the export.

const optionalText = z
  .string()
  .trim()
  .max(2048)
  .optional()
  .transform((v) => (v ? v : undefined));

/** "any" = failed requests only, "none" = successful only, else one error code. */
export const ZAuditFilters = z.object({
  from: z.iso.datetime({ offset: true }).optional().catch(undefined),
  to: z.iso.datetime({ offset: true }).optional().catch(undefined),
  user: optionalText,
  event: optionalText,
  accessKeyId: optionalText,
  key: optionalText,
  store: optionalText,
  error: optionalText,
  /** Show the status poller's own reads (hidden by default). */
  system: z.enum(["show", "hide"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  size: z.coerce.number().int().min(10).max(200).optional().catch(undefined),
});
export type AuditFilters = z.infer<typeof ZAuditFilters>;

export const AUDIT_FILTER_KEYS = ["from", "to", "user", "event", "accessKeyId", "key", "store", "error", "system"] as const;

export const ZAuditEvent = z.object({
  eventId: z.string(),
  eventTime: z.iso.datetime(),
  eventSource: z.string(),
  eventName: z.string(),
  userName: z.string().nullable(),
  principalArn: z.string().nullable(),
  accessKeyId: z.string().nullable(),
  sourceIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string(),
  requestParameters: z.unknown(),
  /** What a state-changing call answered (redacted); null for reads and cryptographic calls. */
  responseElements: z.unknown(),
  resources: z.array(z.string()),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  /** Signed by the console's own status poller. */
  system: z.boolean(),
  /** An aggregate of unauthenticated requests from one address (RejectedRequests), not one call. */
  aggregated: z.boolean(),
});
export type AuditEvent = z.infer<typeof ZAuditEvent>;

export const ZAuditListResponse = z.object({
  events: z.array(ZAuditEvent),
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  retentionDays: z.number().int(),
  systemUserName: z.string(),
});
export type AuditListResponse = z.infer<typeof ZAuditListResponse>;
