import { ZKeyMutationResponse, ZPutKeyPolicyRequest } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/api/json-response.ts";
import { parseBody } from "@/lib/server/api/parse-body.ts";
import { withSession } from "@/lib/server/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/aws/user-credentials.ts";
import { putKeyPolicy } from "@/lib/server/keys/put-key-policy.ts";

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
