import { ZCreateXksKeyStoreRequest, ZKeyStoreMutationResponse } from "@/lib/schemas/key-stores.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { createExternalKeyStore } from "@/lib/server/console/key-stores/create-external-key-store.ts";

export const dynamic = "force-dynamic";

/** POST /api/key-stores/external — create an external key store (it starts DISCONNECTED). */
export const POST = withSession(
  async ({ request, requestId, session }) => {
    const body = await parseBody(request, ZCreateXksKeyStoreRequest);
    const keyStore = await createExternalKeyStore({ caller: callerFromRequest(request, session), request: body });
    return jsonResponse(ZKeyStoreMutationResponse, { keyStore }, { requestId, status: 201 });
  },
  { permission: "keyStores:write" },
);
