import { ZCreateVpcEndpointServiceRequest, ZVpcEndpointService, ZVpcEndpointServiceListResponse } from "@/lib/schemas/key-stores.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { createVpcEndpointService, listVpcEndpointServices } from "@/lib/server/console/key-stores/vpc-endpoint-services.ts";
import { actorFromRequest } from "@/lib/server/platform/audit/audit-actor.ts";

export const dynamic = "force-dynamic";

/** GET /api/xks-vpc-endpoint-services — the local VPC endpoint services (local backend; none with aws). */
export const GET = withSession(
  async ({ requestId }) => jsonResponse(ZVpcEndpointServiceListResponse, await listVpcEndpointServices(), { requestId }),
  { permission: "keyStores:read" },
);

/** POST /api/xks-vpc-endpoint-services — add a local VPC endpoint service pointing at a proxy URL. */
export const POST = withSession(
  async ({ request, requestId, session }) => {
    const body = await parseBody(request, ZCreateVpcEndpointServiceRequest);
    const created = await createVpcEndpointService(body, actorFromRequest(request, requestId, session.user.principalArn));
    return jsonResponse(ZVpcEndpointService, created, { requestId, status: 201 });
  },
  { permission: "keyStores:write" },
);
