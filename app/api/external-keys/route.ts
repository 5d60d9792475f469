import { ZCreateLocalExternalKeyRequest, ZLocalExternalKeyResponse, ZLocalExternalKeysResponse } from "@/lib/schemas/external-keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { createLocalExternalKey } from "@/lib/server/console/external-keys/create-local-external-key.ts";
import { listLocalExternalKeys } from "@/lib/server/console/external-keys/list-local-external-keys.ts";

export const dynamic = "force-dynamic";

/** GET /api/external-keys — the local XKS proxy's keys and the KMS keys using each (local backend only). */
export const GET = withSession(
  async ({ request, requestId, session }) =>
    jsonResponse(ZLocalExternalKeysResponse, await listLocalExternalKeys({ caller: callerFromRequest(request, session) }), { requestId }),
  { permission: "keyStores:read" },
);

/** POST /api/external-keys — { keyId, usage, prefixes }: a new key in the local proxy, served on those prefixes. */
export const POST = withSession(
  async ({ request, requestId }) => {
    const body = await parseBody(request, ZCreateLocalExternalKeyRequest);
    return jsonResponse(ZLocalExternalKeyResponse, await createLocalExternalKey(body), { requestId, status: 201 });
  },
  { permission: "keyStores:write" },
);
