import { ZKeyMutationResponse, ZPutKeyPolicyRequest } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { putKeyPolicy } from "@/lib/server/console/keys/put-key-policy.ts";

export const dynamic = "force-dynamic";

/** PUT /api/keys/:id/policy — replace the key policy. */
export const PUT = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { policy } = await parseBody(request, ZPutKeyPolicyRequest);
    await putKeyPolicy({ caller: callerFromRequest(request, session), keyId: params.id, policy });
    return jsonResponse(ZKeyMutationResponse, { keyId: params.id }, { requestId });
  },
  { permission: "keys:write" },
);
