import { ZRefreshStatusResponse } from "@/lib/schemas/key-stores.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { refreshStatusesNow } from "@/lib/server/console/key-stores/refresh-key-store-statuses.ts";

export const dynamic = "force-dynamic";

/** POST /api/key-stores/refresh — refresh the status cache now (stores, clusters, HSMs, key counts). */
export const POST = withSession(
  async ({ request, requestId, session }) =>
    jsonResponse(ZRefreshStatusResponse, await refreshStatusesNow({ caller: callerFromRequest(request, session) }), { requestId }),
  { permission: "keyStores:read" },
);
