import "server-only";
import { CONSOLE_EVENT_SOURCE, recordAuditEvent } from "@/lib/server/platform/audit/record-audit-event.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import type { AuditActor } from "@/lib/server/platform/audit/audit-actor.ts";
import { deleteSession } from "./delete-session.ts";
import type { SessionContext } from "./session-context.ts";

export type SignOutOptions = { session: SessionContext; actor: AuditActor };

/** Ends the caller's session and records ConsoleLogout. */
export async function signOut({ session, actor }: SignOutOptions): Promise<void> {
  await deleteSession(session.sessionId);
  await recordAuditEvent({
    eventSource: CONSOLE_EVENT_SOURCE,
    eventName: "ConsoleLogout",
    requestId: actor.requestId ?? uuid(),
    principalArn: session.user.principalArn,
    sourceIp: actor.sourceIp,
    userAgent: actor.userAgent,
    requestParameters: { userName: session.user.name },
  });
}
