import { ZAccessKeyMutationResponse, ZUpdateAccessKeyRequest } from "@/lib/schemas/users.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { deleteUserAccessKey, setUserAccessKeyStatus } from "@/lib/server/console/users/user-access-keys.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

type Params = { id: string; accessKeyId: string };

/** PATCH /api/users/:id/access-keys/:accessKeyId — admins: { status: Active | Inactive } (IAM UpdateAccessKey). */
export const PATCH = withSession<Params>(
  async ({ request, requestId, session, params }) => {
    const { status } = await parseBody(request, ZUpdateAccessKeyRequest);
    await setUserAccessKeyStatus(params.id, params.accessKeyId, status, actorFromRequest(request, requestId, session.user.principalArn));
    return jsonResponse(ZAccessKeyMutationResponse, { accessKeyId: params.accessKeyId, status }, { requestId });
  },
  { permission: "users:manage" },
);

/** DELETE /api/users/:id/access-keys/:accessKeyId — admins: IAM DeleteAccessKey. */
export const DELETE = withSession<Params>(
  async ({ request, requestId, session, params }) => {
    await deleteUserAccessKey(params.id, params.accessKeyId, actorFromRequest(request, requestId, session.user.principalArn));
    return jsonResponse(ZAccessKeyMutationResponse, { accessKeyId: params.accessKeyId, status: "Deleted" }, { requestId });
  },
  { permission: "users:manage" },
);
