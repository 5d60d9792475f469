import { ZExternalKeyMetadataQuery, ZExternalKeyMetadataResponse } from "@/lib/schemas/external-keys.ts";
import { jsonResponse } from "@/lib/server/console/api/json-response.ts";
import { fieldErrors } from "@/lib/server/console/api/parse-body.ts";
import { withSession } from "@/lib/server/console/auth/with-session.ts";
import { callerFromRequest } from "@/lib/server/console/aws/user-credentials.ts";
import { readExternalKeyMetadata } from "@/lib/server/console/external-keys/read-external-key-metadata.ts";
import { AppError } from "@/lib/server/platform/errors.ts";

export const dynamic = "force-dynamic";

/** GET /api/external-keys/metadata?customKeyStoreId=&xksKeyId= — the store's proxy's view of an external key (the key wizard's preview). */
export const GET = withSession(
  async ({ request, requestId, session }) => {
    const params = new URL(request.url).searchParams;
    const parsed = ZExternalKeyMetadataQuery.safeParse({
      customKeyStoreId: params.get("customKeyStoreId"),
      xksKeyId: params.get("xksKeyId"),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError({
        code: "ValidationException",
        safeMessage: issue?.message ?? "Invalid request.",
        fields: fieldErrors(parsed.error.issues),
      });
    }
    const result = await readExternalKeyMetadata({ caller: callerFromRequest(request, session), requestId, ...parsed.data });
    return jsonResponse(ZExternalKeyMetadataResponse, result, { requestId });
  },
  { permission: "keys:read" },
);
