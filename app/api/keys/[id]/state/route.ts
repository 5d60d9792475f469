import { z } from "zod";
import { ZKeyMutationResponse, ZScheduleKeyDeletionRequest } from "@/lib/schemas/keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { parseBody } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { changeKeyState } from "@/lib/server/console/keys/change-key-state.ts";

export const dynamic = "force-dynamic";

const ZChange = z.discriminatedUnion("action", [
  z.object({ action: z.literal("enable") }),
  z.object({ action: z.literal("disable") }),
  z.object({ action: z.literal("schedule-deletion") }).merge(ZScheduleKeyDeletionRequest),
  z.object({ action: z.literal("cancel-deletion") }),
]);

/** POST /api/keys/:id/state — { action: enable | disable | schedule-deletion (pendingWindowInDays) | cancel-deletion }. */
export const POST = withSession<{ id: string }>(
  async ({ request, requestId, session, params }) => {
    const change = await parseBody(request, ZChange);
    const result = await changeKeyState({ caller: callerFromRequest(request, session), keyId: params.id, change });
    return jsonResponse(ZKeyMutationResponse, result, { requestId });
  },
  { permission: "keys:write" },
);
