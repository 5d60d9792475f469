import { ZCreateAliasRequest, ZDeleteAliasRequest } from "@/lib/schemas/key-labels.ts";
import { ZKeyMutationResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { createAlias } from "@/lib/server/console/keys/create-alias.ts";
import { deleteAlias } from "@/lib/server/console/keys/delete-alias.ts";

export const dynamic = "force-dynamic";

/** POST /api/keys/:id/aliases — { aliasName } (alias/ is added when missing): CreateAlias. */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { aliasName } = await parseBody(request, ZCreateAliasRequest);
    await createAlias({ caller: callerFromRequest(request, session), keyId: params.id, aliasName });
    return jsonResponse(ZKeyMutationResponse, { keyId: params.id }, { requestId, status: 201 });
  },
  { permission: "keys:write" },
);

/** DELETE /api/keys/:id/aliases — { aliasName: "alias/…" }: DeleteAlias, if the alias is this key's. */
export const DELETE = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { aliasName } = await parseBody(request, ZDeleteAliasRequest);
    await deleteAlias({ caller: callerFromRequest(request, session), keyId: params.id, aliasName });
    return jsonResponse(ZKeyMutationResponse, { keyId: params.id }, { requestId });
  },
  { permission: "keys:write" },
);
