import "server-only";
import { listGrants } from "@/lib/server/kms-service/grants/list-grants.ts";
import { GRANT_ID, PRINCIPAL_ID, SERVICE_PRINCIPAL } from "@/lib/server/kms-service/input/grant-shapes.ts";
import { InputReader, validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, MARKER } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const listGrantsOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const limit = r.integer("Limit", { min: 1, max: 100 });
  const marker = r.string("Marker", MARKER);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const grantId = r.string("GrantId", GRANT_ID);
  const granteePrincipal = r.string("GranteePrincipal", PRINCIPAL_ID);
  const granteeServicePrincipal = r.string("GranteeServicePrincipal", SERVICE_PRINCIPAL);
  r.finish();
  if (granteePrincipal !== undefined && granteeServicePrincipal !== undefined) {
    throw validationError("You can specify either GranteePrincipal or GranteeServicePrincipal, but not both.");
  }
  // GranteeServicePrincipal is usable only by callers in a service principal, which no caller here is.
  const result =
    granteeServicePrincipal !== undefined
      ? { grants: [], nextMarker: undefined, truncated: false }
      : await listGrants({ scope: ctx, keyId, grantId, granteePrincipal, limit, marker });
  return { Grants: result.grants, NextMarker: result.nextMarker, Truncated: result.truncated };
};
