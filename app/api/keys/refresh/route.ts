import { ZKeyCacheRefreshResponse } from "@/lib/schemas/key-list.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { readKeyCacheFreshness } from "@/lib/server/console/key-cache/key-cache-freshness.ts";
import { refreshKeysForCaller } from "@/lib/server/console/keys/list-keys.ts";

export const dynamic = "force-dynamic";

/** POST /api/keys/refresh — the keys page's Refresh: the key cache brought up to date now, as the caller. */
export const POST = withSession(
  async ({ request, requestId, session }) => {
    await refreshKeysForCaller(callerFromRequest(request, session));
    const { refreshedAt } = await readKeyCacheFreshness();
    return jsonResponse(ZKeyCacheRefreshResponse, { refreshedAt: refreshedAt?.toISOString() ?? null }, { requestId });
  },
  { permission: "keys:read" },
);
