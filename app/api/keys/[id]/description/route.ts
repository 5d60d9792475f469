import { ZUpdateKeyDescriptionRequest } from "@/lib/schemas/key-labels.ts";
import { ZKeyMutationResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { updateKeyDescription } from "@/lib/server/console/keys/update-key-description.ts";

export const dynamic = "force-dynamic";

/** PUT /api/keys/:id/description — { description } (0–8192 characters; empty clears it): UpdateKeyDescription. */
export const PUT = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { description } = await parseBody(request, ZUpdateKeyDescriptionRequest);
    await updateKeyDescription({ caller: callerFromRequest(request, session), keyId: params.id, description });
    return jsonResponse(ZKeyMutationResponse, { keyId: params.id }, { requestId });
  },
  { permission: "keys:write" },
);
