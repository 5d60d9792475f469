import { ZTagKeyRequest, ZUntagKeyRequest } from "@/lib/schemas/key-labels.ts";
import { ZKeyMutationResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { tagKey } from "@/lib/server/console/keys/tag-key.ts";
import { untagKey } from "@/lib/server/console/keys/untag-key.ts";

export const dynamic = "force-dynamic";

/** POST /api/keys/:id/tags — { tags: [{ tagKey, tagValue }] }: TagResource (adds, or replaces a value). */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { tags } = await parseBody(request, ZTagKeyRequest);
    await tagKey({ caller: callerFromRequest(request, session), keyId: params.id, tags });
    return jsonResponse(ZKeyMutationResponse, { keyId: params.id }, { requestId });
  },
  { permission: "keys:write" },
);

/** DELETE /api/keys/:id/tags — { tagKeys: [string] }: UntagResource. */
export const DELETE = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const { tagKeys } = await parseBody(request, ZUntagKeyRequest);
    await untagKey({ caller: callerFromRequest(request, session), keyId: params.id, tagKeys });
    return jsonResponse(ZKeyMutationResponse, { keyId: params.id }, { requestId });
  },
  { permission: "keys:write" },
);
