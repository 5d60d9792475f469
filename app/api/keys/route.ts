import { ZKeyListQuery, ZKeyListResponse } from "@/lib/schemas/key-list.ts";
import { ZCreateKeyRequest, ZCreateKeyResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { createKey } from "@/lib/server/console/keys/create-key.ts";
import { listKeys } from "@/lib/server/console/keys/list-keys.ts";

export const dynamic = "force-dynamic";

/**
 * GET /api/keys?q&state&origin&store&sort&dir&page&size — a page of the customer managed keys from the
 * console's key cache, with the total matching the filters and when the cache was last refreshed.
 */
export const GET = withSession(
  async ({ request, requestId, session }) => {
    const query = ZKeyListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return jsonResponse(ZKeyListResponse, await listKeys({ caller: callerFromRequest(request, session), query }), { requestId });
  },
  { permission: "keys:read" },
);

/** POST /api/keys — the key-creation wizard's Finish. */
export const POST = withSession(
  async ({ request, requestId, session }) => {
    const body = await parseBody(request, ZCreateKeyRequest);
    const created = await createKey({ caller: callerFromRequest(request, session), request: body });
    return jsonResponse(ZCreateKeyResponse, created, { requestId, status: 201 });
  },
  { permission: "keys:write" },
);
