import { ZMeResponse } from "@/lib/schemas/auth.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { describeCurrentUser } from "@/lib/server/console/auth/describe-current-user.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";

export const dynamic = "force-dynamic";

/** GET /api/me — the signed-in user, their principal, and the backend the console talks to. */
export const GET = withSession(async ({ requestId, session }) => jsonResponse(ZMeResponse, describeCurrentUser(session), { requestId }));
