import {
  ZDeleteKeyStoreResponse,
  ZKeyStoreDetailResponse,
  ZKeyStoreMutationResponse,
  ZUpdateKeyStoreRequest,
} from "@/lib/schemas/key-stores.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { deleteKeyStore } from "@/lib/server/console/key-stores/delete-key-store.ts";
import { getKeyStore } from "@/lib/server/console/key-stores/get-key-store.ts";
import { updateKeyStore } from "@/lib/server/console/key-stores/update-key-store.ts";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** GET /api/key-stores/:id — the store, its cluster's HSM inventory and its keys. */
export const GET = withSession<Params>(
  async ({ request, requestId, session, params }) =>
    jsonResponse(ZKeyStoreDetailResponse, await getKeyStore({ caller: callerFromRequest(request, session), customKeyStoreId: params.id }), {
      requestId,
    }),
  { permission: "keyStores:read" },
);

/** PATCH /api/key-stores/:id — edit name, cluster ID or kmsuser password (DISCONNECTED only). */
export const PATCH = withSession<Params>(
  async ({ request, requestId, session, params }) => {
    const body = await parseBody(request, ZUpdateKeyStoreRequest);
    const keyStore = await updateKeyStore({ caller: callerFromRequest(request, session), customKeyStoreId: params.id, request: body });
    return jsonResponse(ZKeyStoreMutationResponse, { keyStore }, { requestId });
  },
  { permission: "keyStores:write" },
);

/** DELETE /api/key-stores/:id — delete a DISCONNECTED store that holds no keys. */
export const DELETE = withSession<Params>(
  async ({ request, requestId, session, params }) => {
    await deleteKeyStore({ caller: callerFromRequest(request, session), customKeyStoreId: params.id });
    return jsonResponse(ZDeleteKeyStoreResponse, { deleted: true, customKeyStoreId: params.id }, { requestId });
  },
  { permission: "keyStores:write" },
);
