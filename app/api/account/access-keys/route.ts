import { ZCreateAccessKeyResponse } from "@/lib/schemas/users.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { createUserAccessKey } from "@/lib/server/console/users/user-access-keys.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

/** POST /api/account/access-keys — every user: a new access key of their own (at most 2); the secret is in this answer only. */
export const POST = withSession(async ({ request, requestId, session }) => {
  const key = await createUserAccessKey(session.user.id, actorFromRequest(request, requestId, session.user.principalArn));
  return jsonResponse(ZCreateAccessKeyResponse, key, { requestId, status: 201 });
});
