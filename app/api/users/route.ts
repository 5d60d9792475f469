import { ZCreateUserRequest, ZUserListResponse, ZUserResponse } from "@/lib/schemas/users.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { describeUser, listUsers } from "@/lib/server/console/users/describe-users.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";

export const dynamic = "force-dynamic";

/** GET /api/users — admins: every user with role, status, last sign-in and access keys (no secrets). */
export const GET = withSession(async ({ requestId }) => jsonResponse(ZUserListResponse, { users: await listUsers() }, { requestId }), {
  permission: "users:manage",
});

/** POST /api/users — admins: IAM CreateUser with a role and an initial console password. */
export const POST = withSession(
  async ({ request, requestId, session }) => {
    const body = await parseBody(request, ZCreateUserRequest);
    const user = await createUser({
      name: body.userName,
      password: body.password,
      role: body.role,
      actor: actorFromRequest(request, requestId, session.user.principalArn),
    });
    return jsonResponse(ZUserResponse, { user: await describeUser(user.id) }, { requestId, status: 201 });
  },
  { permission: "users:manage" },
);
