import { ZCreateAccessKeyResponse } from "@/lib/schemas/users.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { createUserAccessKey } from "@/lib/server/console/users/user-access-keys.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

/** POST /api/users/:id/access-keys — admins: IAM CreateAccessKey (at most 2 per user); the secret is in this answer only. */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const key = await createUserAccessKey(params.id, actorFromRequest(request, requestId, session.user.principalArn));
    return jsonResponse(ZCreateAccessKeyResponse, key, { requestId, status: 201 });
  },
  { permission: "users:manage" },
);
