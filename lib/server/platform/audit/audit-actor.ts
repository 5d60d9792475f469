import "server-only";
import { clientAddress } from "@/lib/server/platform/http/client-address.ts";

/** Who asked for an operation, for its audit record. Set-up scripts pass none. */
export type AuditActor = {
  principalArn?: string;
  sourceIp?: string;
  userAgent?: string;
  requestId?: string;
};

/** Caller details from a console request (its address as server.ts decided it). */
export function actorFromRequest(request: Request, requestId: string, principalArn?: string): AuditActor {
  return {
    principalArn,
    sourceIp: clientAddress(request.headers) ?? "unknown",
    userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? undefined,
    requestId,
  };
}
