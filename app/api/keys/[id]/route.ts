import { ZKeyDetailResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { getKey } from "@/lib/server/console/keys/get-key.ts";

export const dynamic = "force-dynamic";

/** GET /api/keys/:id — DescribeKey, aliases, policy, tags, and the custom key store's connection state. */
export const GET = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) =>
    jsonResponse(ZKeyDetailResponse, await getKey({ caller: callerFromRequest(request, session), keyId: params.id }), { requestId }),
  { permission: "keys:read" },
);
