import { ZLoginRequest, ZLoginResponse } from "@/lib/schemas/auth.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { publicRoute } from "@/lib/server/console/api/public-route.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";
import { deleteSession } from "@/lib/server/console/auth/delete-session.ts";
import {
  SESSION_COOKIE,
  hashSessionToken,
  isHttpsRequest,
  looksLikeSessionToken,
  sessionCookie,
} from "@/lib/server/console/auth/session-token.ts";
import { signIn } from "@/lib/server/console/auth/sign-in.ts";

export const dynamic = "force-dynamic";

/** POST /api/auth/login — the only API route that answers without a session. */
export const POST = publicRoute(async ({ request, requestId }) => {
  const { userName, password } = await parseBody(request, ZLoginRequest);
  const { token, expiresAt, session } = await signIn({ userName, password, actor: actorFromRequest(request, requestId) });
  // A browser signing in again replaces its session: the one its old cookie named ends now.
  const previous = request.cookies.get(SESSION_COOKIE)?.value;
  if (looksLikeSessionToken(previous)) await deleteSession(hashSessionToken(previous));
  const response = jsonResponse(
    ZLoginResponse,
    { userName: session.user.name, principalArn: session.user.principalArn, expiresAt: expiresAt.toISOString() },
    { requestId },
  );
  response.cookies.set(sessionCookie(token, expiresAt, isHttpsRequest(request)));
  return response;
});
