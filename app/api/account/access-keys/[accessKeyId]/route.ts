import { ZAccessKeyMutationResponse, ZUpdateAccessKeyRequest } from "@/lib/schemas/users.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { deleteUserAccessKey, setUserAccessKeyStatus } from "@/lib/server/console/users/user-access-keys.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

/** PATCH /api/account/access-keys/:accessKeyId — every user, own keys only: { status: Active | Inactive }. */
export const PATCH = withSession<{ accessKeyId: string }>(async ({ request, requestId, session, params }) => {
  const { status } = await parseBody(request, ZUpdateAccessKeyRequest);
  await setUserAccessKeyStatus(
    session.user.id,
    params.accessKeyId,
    status,
    actorFromRequest(request, requestId, session.user.principalArn),
  );
  return jsonResponse(ZAccessKeyMutationResponse, { accessKeyId: params.accessKeyId, status }, { requestId });
});

/** DELETE /api/account/access-keys/:accessKeyId — every user, own keys only. */
export const DELETE = withSession<{ accessKeyId: string }>(async ({ request, requestId, session, params }) => {
  await deleteUserAccessKey(session.user.id, params.accessKeyId, actorFromRequest(request, requestId, session.user.principalArn));
  return jsonResponse(ZAccessKeyMutationResponse, { accessKeyId: params.accessKeyId, status: "Deleted" }, { requestId });
});
