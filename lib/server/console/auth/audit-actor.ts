import "server-only";

/** Who asked for an operation, for its audit record. Set-up scripts pass none. */
export type AuditActor = {
  principalArn?: string;
  sourceIp?: string;
  userAgent?: string;
  requestId?: string;
};

/** Caller details from a request: first X-Forwarded-For hop (Next sets it from the socket when absent). */
export function actorFromRequest(request: Request, requestId: string, principalArn?: string): AuditActor {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const sourceIp = forwarded || request.headers.get("x-real-ip")?.trim() || "unknown";
  return {
    principalArn,
    sourceIp: sourceIp.slice(0, 64),
    userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? undefined,
    requestId,
  };
}
