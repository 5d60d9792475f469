import { ZCreateHsmRequest, ZHsmMutationResponse } from "@/lib/schemas/clusters.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { addHsm } from "@/lib/server/console/clusters/add-hsm.ts";

export const dynamic = "force-dynamic";

/** POST /api/clusters/:id/hsms — CloudHSM CreateHsm in an Availability Zone of the cluster. */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { availabilityZone } = await parseBody(request, ZCreateHsmRequest);
    const hsm = await addHsm({ caller: callerFromRequest(request, session), clusterId: params.id, availabilityZone });
    return jsonResponse(ZHsmMutationResponse, { hsm }, { requestId, status: 201 });
  },
  { permission: "clusters:write" },
);
