import { ZChangePasswordRequest, ZChangePasswordResponse } from "@/lib/schemas/users.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";
import { changeOwnPassword } from "@/lib/server/platform/identity/change-own-password.ts";

export const dynamic = "force-dynamic";

/** PUT /api/account/password — every user: IAM ChangePassword (current password required); other sessions end. */
export const PUT = withSession(async ({ request, requestId, session }) => {
  const { currentPassword, newPassword } = await parseBody(request, ZChangePasswordRequest);
  await changeOwnPassword({
    userId: session.user.id,
    currentPassword,
    newPassword,
    keepSessionId: session.sessionId,
    actor: actorFromRequest(request, requestId, session.user.principalArn),
  });
  return jsonResponse(ZChangePasswordResponse, { changed: true }, { requestId });
});
