import { ZDeleteClusterResponse } from "@/lib/schemas/clusters.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { deleteCluster } from "@/lib/server/console/clusters/delete-cluster.ts";

export const dynamic = "force-dynamic";

/** DELETE /api/clusters/:id — CloudHSM DeleteCluster (a cluster with no HSMs left). */
export const DELETE = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) =>
    jsonResponse(ZDeleteClusterResponse, await deleteCluster({ caller: callerFromRequest(request, session), clusterId: params.id }), {
      requestId,
    }),
  { permission: "clusters:write" },
);
