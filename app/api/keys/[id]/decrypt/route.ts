import { ZDecryptTextRequest, ZDecryptTextResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { decryptText } from "@/lib/server/console/keys/decrypt-text.ts";

export const dynamic = "force-dynamic";

/** POST /api/keys/:id/decrypt — the Try-it panel: decrypt a ciphertext with an encryption context. */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const body = await parseBody(request, ZDecryptTextRequest);
    return jsonResponse(
      ZDecryptTextResponse,
      await decryptText({ caller: callerFromRequest(request, session), keyId: params.id, request: body }),
      { requestId },
    );
  },
  // Not keys:write: whether the caller may use this key is the service's decision (its key policy can
  // name a viewer), made on the request signed as the caller; the console only needs a reader here.
  { permission: "keys:read" },
);
