import { ZCreateKeyRequest, ZCreateKeyResponse, ZKeyListResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { createKey } from "@/lib/server/console/keys/create-key.ts";
import { listKeys } from "@/lib/server/console/keys/list-keys.ts";

export const dynamic = "force-dynamic";

/** GET /api/keys — customer managed keys with aliases, state, origin and custom key store. */
export const GET = withSession(
  async ({ request, requestId, session }) =>
    jsonResponse(ZKeyListResponse, await listKeys({ caller: callerFromRequest(request, session) }), { requestId }),
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
