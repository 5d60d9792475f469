import { ZDeleteUserResponse, ZUpdateUserRequest, ZUserResponse } from "@/lib/schemas/users.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { describeUser } from "@/lib/server/console/users/describe-users.ts";
import { removeUser, updateUser } from "@/lib/server/console/users/update-user.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

/** PATCH /api/users/:id — admins: { action: set-role | set-status | reset-password }. */
export const PATCH = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const change = await parseBody(request, ZUpdateUserRequest);
    const actor = actorFromRequest(request, requestId, session.user.principalArn);
    await updateUser({ userId: params.id, change, actingUserId: session.user.id, actor });
    return jsonResponse(ZUserResponse, { user: await describeUser(params.id) }, { requestId });
  },
  { permission: "users:manage" },
);

/** DELETE /api/users/:id — admins: the user, their sessions and access keys (not yourself, not the last admin). */
export const DELETE = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const actor = actorFromRequest(request, requestId, session.user.principalArn);
    const { userName } = await removeUser({ userId: params.id, actingUserId: session.user.id, actor });
    return jsonResponse(ZDeleteUserResponse, { userName, deleted: true }, { requestId });
  },
  { permission: "users:manage" },
);
