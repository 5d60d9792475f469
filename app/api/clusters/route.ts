import { ZClusterListResponse, ZCreateLocalClusterRequest, ZCreateLocalClusterResponse } from "@/lib/schemas/clusters.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { createLocalCluster } from "@/lib/server/console/clusters/create-local-cluster.ts";
import { listClusters } from "@/lib/server/console/clusters/list-clusters.ts";

export const dynamic = "force-dynamic";

/** GET /api/clusters — clusters, HSMs by AZ, the store using each, and eligibility for a new store. */
export const GET = withSession(
  async ({ request, requestId, session }) =>
    jsonResponse(ZClusterListResponse, await listClusters({ caller: callerFromRequest(request, session) }), { requestId }),
  { permission: "clusters:read" },
);

/** POST /api/clusters — local backend only: create an initialised local cluster. */
export const POST = withSession(
  async ({ request, requestId }) => {
    const body = await parseBody(request, ZCreateLocalClusterRequest);
    return jsonResponse(ZCreateLocalClusterResponse, await createLocalCluster({ request: body }), { requestId, status: 201 });
  },
  { permission: "clusters:write" },
);
