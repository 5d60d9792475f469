import { ZExternalKeyMetadataResponse } from "@/lib/schemas/external-keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { readKeyExternalKey } from "@/lib/server/console/external-keys/read-key-external-key.ts";

export const dynamic = "force-dynamic";

/** GET /api/keys/:id/external-key — for a key in an external key store, what its store's proxy says of its external key. */
export const GET = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const result = await readKeyExternalKey({ caller: callerFromRequest(request, session), keyId: params.id, requestId });
    return jsonResponse(ZExternalKeyMetadataResponse, result, { requestId });
  },
  { permission: "keys:read" },
);
