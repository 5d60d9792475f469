import { ZKeyStoreMutationResponse } from "@/lib/schemas/key-stores.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { disconnectKeyStore } from "@/lib/server/console/key-stores/disconnect-key-store.ts";

export const dynamic = "force-dynamic";

/** POST /api/key-stores/:id/disconnect — starts to disconnect; answers the state right after (poll for the end). */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const keyStore = await disconnectKeyStore({ caller: callerFromRequest(request, session), customKeyStoreId: params.id });
    return jsonResponse(ZKeyStoreMutationResponse, { keyStore }, { requestId });
  },
  { permission: "keyStores:write" },
);
