import { ZLocalExternalKeyResponse, ZSetLocalExternalKeyStatusRequest } from "@/lib/schemas/external-keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { setLocalExternalKeyStatus } from "@/lib/server/console/external-keys/set-local-external-key-status.ts";

export const dynamic = "force-dynamic";

/** POST /api/external-keys/:keyId/status — { action: enable | disable } on a key of the local XKS proxy. */
export const POST = withSession<{ keyId: string }>(
  async ({ request, requestId, params }) => {
    const { action } = await parseBody(request, ZSetLocalExternalKeyStatusRequest);
    return jsonResponse(ZLocalExternalKeyResponse, await setLocalExternalKeyStatus(params.keyId, action), { requestId });
  },
  { permission: "keyStores:write" },
);
