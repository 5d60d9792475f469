import { ZEncryptTextRequest, ZEncryptTextResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { encryptText } from "@/lib/server/console/keys/encrypt-text.ts";

export const dynamic = "force-dynamic";

/** POST /api/keys/:id/encrypt — the Try-it panel: encrypt a short text with an encryption context. */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const body = await parseBody(request, ZEncryptTextRequest);
    return jsonResponse(
      ZEncryptTextResponse,
      await encryptText({ caller: callerFromRequest(request, session), keyId: params.id, request: body }),
      { requestId },
    );
  },
  // Not keys:write: whether the caller may use this key is the service's decision (its key policy can
  // name a viewer), made on the request signed as the caller; the console only needs a reader here.
  { permission: "keys:read" },
);
