import { ZKmsuserLoginRequest, ZKmsuserSessionResponse } from "@/lib/schemas/clusters.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { logInKmsuser, logOutKmsuser } from "@/lib/server/console/clusters/kmsuser-session.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

/** POST /api/clusters/:id/kmsuser-session — local backend, admins: log kmsuser in (CloudHSM CLI `login`). */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { kmsuserPassword } = await parseBody(request, ZKmsuserLoginRequest);
    await logInKmsuser({ clusterId: params.id, kmsuserPassword, actor: actorFromRequest(request, requestId, session.user.principalArn) });
    return jsonResponse(ZKmsuserSessionResponse, { clusterId: params.id, loggedIn: true }, { requestId });
  },
  { permission: "clusters:kmsuser" },
);

/** DELETE /api/clusters/:id/kmsuser-session — local backend, admins: log kmsuser out (CloudHSM CLI `logout`). */
export const DELETE = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    await logOutKmsuser({ clusterId: params.id, actor: actorFromRequest(request, requestId, session.user.principalArn) });
    return jsonResponse(ZKmsuserSessionResponse, { clusterId: params.id, loggedIn: false }, { requestId });
  },
  { permission: "clusters:kmsuser" },
);
