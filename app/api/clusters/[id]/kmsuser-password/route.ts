import { ZSetKmsuserPasswordRequest, ZSetKmsuserPasswordResponse } from "@/lib/schemas/clusters.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { setKmsuserPassword } from "@/lib/server/console/clusters/set-kmsuser-password.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

/** PUT /api/clusters/:id/kmsuser-password — local backend, admins: set kmsuser's password (unlocks it). */
export const PUT = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { kmsuserPassword } = await parseBody(request, ZSetKmsuserPasswordRequest);
    await setKmsuserPassword({
      clusterId: params.id,
      kmsuserPassword,
      actor: actorFromRequest(request, requestId, session.user.principalArn),
    });
    return jsonResponse(ZSetKmsuserPasswordResponse, { clusterId: params.id, unlocked: true }, { requestId });
  },
  { permission: "clusters:kmsuser" },
);
