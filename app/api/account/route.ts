import { ZUserResponse } from "@/lib/schemas/users.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { describeUser } from "@/lib/server/console/users/describe-users.ts";

export const dynamic = "force-dynamic";

/** GET /api/account — the signed-in user with their own access keys (no secrets). Every role. */
export const GET = withSession(async ({ requestId, session }) =>
  jsonResponse(ZUserResponse, { user: await describeUser(session.user.id) }, { requestId }),
);
