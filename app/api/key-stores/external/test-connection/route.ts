import { ZTestXksConnectionRequest, ZTestXksConnectionResponse } from "@/lib/schemas/key-stores.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { testXksConnection } from "@/lib/server/console/key-stores/test-xks-connection.ts";

export const dynamic = "force-dynamic";

/** POST /api/key-stores/external/test-connection — the proxy's GetHealthStatus with the wizard's values. */
export const POST = withSession(
  async ({ request, requestId }) =>
    jsonResponse(ZTestXksConnectionResponse, await testXksConnection(await parseBody(request, ZTestXksConnectionRequest)), { requestId }),
  { permission: "keyStores:write" },
);
