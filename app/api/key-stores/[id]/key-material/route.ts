import {
  ZKeyMaterialInventoryResponse,
  ZRemoveOrphanedKeyMaterialRequest,
  ZRemoveOrphanedKeyMaterialResponse,
} from "@/lib/schemas/key-material.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { inventoryKeyMaterial } from "@/lib/server/console/key-stores/inventory-key-material.ts";
import { removeOrphanedKeyMaterial } from "@/lib/server/console/key-stores/remove-orphaned-key-material.ts";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** GET /api/key-stores/:id/key-material — missing and orphaned key material on the store's cluster (local backend). */
export const GET = withSession<Params>(
  async ({ request, requestId, session, params }) =>
    jsonResponse(
      ZKeyMaterialInventoryResponse,
      await inventoryKeyMaterial({ caller: callerFromRequest(request, session), customKeyStoreId: params.id }),
      { requestId },
    ),
  { permission: "keyStores:read" },
);

/** DELETE /api/key-stores/:id/key-material — remove one orphaned key material ({ label }), after confirmation in the UI. */
export const DELETE = withSession<Params>(
  async ({ request, requestId, session, params }) => {
    const { label } = await parseBody(request, ZRemoveOrphanedKeyMaterialRequest);
    const removed = await removeOrphanedKeyMaterial({ caller: callerFromRequest(request, session), customKeyStoreId: params.id, label });
    return jsonResponse(ZRemoveOrphanedKeyMaterialResponse, removed, { requestId });
  },
  { permission: "keyStores:write" },
);
