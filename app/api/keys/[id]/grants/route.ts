import { ZKeyGrantListResponse, ZRevokeGrantRequest } from "@/lib/schemas/key-grants.ts";
import { ZKeyMutationResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { listKeyGrants } from "@/lib/server/console/keys/list-key-grants.ts";
import { revokeKeyGrant } from "@/lib/server/console/keys/revoke-key-grant.ts";

export const dynamic = "force-dynamic";

/** GET /api/keys/:id/grants — ListGrants of the key. */
export const GET = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) =>
    jsonResponse(
      ZKeyGrantListResponse,
      { grants: await listKeyGrants({ caller: callerFromRequest(request, session), keyId: params.id }) },
      { requestId },
    ),
  { permission: "keys:read" },
);

/** DELETE /api/keys/:id/grants — { grantId }: RevokeGrant. */
export const DELETE = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { grantId } = await parseBody(request, ZRevokeGrantRequest);
    await revokeKeyGrant({ caller: callerFromRequest(request, session), keyId: params.id, grantId });
    return jsonResponse(ZKeyMutationResponse, { keyId: params.id }, { requestId });
  },
  { permission: "keys:write" },
);
