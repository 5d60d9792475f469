import { z } from "zod";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { deleteVpcEndpointService } from "@/lib/server/console/key-stores/vpc-endpoint-services.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

/** DELETE /api/xks-vpc-endpoint-services/:name — remove a local VPC endpoint service. */
export const DELETE = withSession<{ name: string }>(
  async ({ request, requestId, session, params }) => {
    await deleteVpcEndpointService(params.name, actorFromRequest(request, requestId, session.user.principalArn));
    return jsonResponse(z.object({ deleted: z.literal(true) }), { deleted: true }, { requestId });
  },
  { permission: "keyStores:write" },
);
