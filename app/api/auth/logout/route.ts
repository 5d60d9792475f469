import { ZLogoutResponse } from "@/lib/schemas/auth.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";
import { clearedSessionCookie, isHttpsRequest } from "@/lib/server/console/auth/session-token.ts";
import { signOut } from "@/lib/server/console/auth/sign-out.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";

export const dynamic = "force-dynamic";

/** POST /api/auth/logout — ends the caller's session and clears its cookie. */
export const POST = withSession(async ({ request, requestId, session }) => {
  await signOut({ session, actor: actorFromRequest(request, requestId, session.user.principalArn) });
  const response = jsonResponse(ZLogoutResponse, { signedOut: true }, { requestId });
  response.cookies.set(clearedSessionCookie(isHttpsRequest(request)));
  return response;
});
