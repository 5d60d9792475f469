import { ZPrincipalListResponse } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { listKeyPrincipals } from "@/lib/server/console/keys/list-key-principals.ts";

export const dynamic = "force-dynamic";

/** GET /api/principals — console users as IAM principals (key administrators and users). */
export const GET = withSession(async ({ requestId }) => jsonResponse(ZPrincipalListResponse, await listKeyPrincipals(), { requestId }), {
  permission: "keys:read",
});
