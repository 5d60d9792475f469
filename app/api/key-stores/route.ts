import { ZCreateKeyStoreRequest, ZKeyStoreListResponse, ZKeyStoreMutationResponse } from "@/lib/schemas/key-stores.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { createKeyStore } from "@/lib/server/console/key-stores/create-key-store.ts";
import { listKeyStores } from "@/lib/server/console/key-stores/list-key-stores.ts";

export const dynamic = "force-dynamic";

/** GET /api/key-stores — every custom key store with HSM and key counts. */
export const GET = withSession(
  async ({ request, requestId, session }) =>
    jsonResponse(ZKeyStoreListResponse, await listKeyStores({ caller: callerFromRequest(request, session) }), { requestId }),
  { permission: "keyStores:read" },
);

/** POST /api/key-stores — create a CloudHSM key store (it starts DISCONNECTED). */
export const POST = withSession(
  async ({ request, requestId, session }) => {
    const body = await parseBody(request, ZCreateKeyStoreRequest);
    const keyStore = await createKeyStore({ caller: callerFromRequest(request, session), request: body });
    return jsonResponse(ZKeyStoreMutationResponse, { keyStore }, { requestId, status: 201 });
  },
  { permission: "keyStores:write" },
);
