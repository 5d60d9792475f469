import { z } from "zod";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { removeHsm } from "@/lib/server/console/clusters/remove-hsm.ts";

export const dynamic = "force-dynamic";

const ZDeleteHsmResponse = z.object({ hsmId: z.string() });

/** DELETE /api/clusters/:id/hsms/:hsmId — CloudHSM DeleteHsm. */
export const DELETE = withSession<{ id: string; hsmId: string }>(
  async ({ request, requestId, session, params }) => {
    const hsmId = await removeHsm({ caller: callerFromRequest(request, session), clusterId: params.id, hsmId: params.hsmId });
    return jsonResponse(ZDeleteHsmResponse, { hsmId }, { requestId });
  },
  { permission: "clusters:write" },
);
