import "server-only";
import { listRetirableGrants } from "@/lib/server/kms-service/grants/list-retirable-grants.ts";
import { PRINCIPAL_ID, SERVICE_PRINCIPAL } from "@/lib/server/kms-service/input/grant-shapes.ts";
import { InputReader, validationError } from "@/lib/server/kms-service/input/input-reader.ts";
import { MARKER } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const listRetirableGrantsOperation: OperationHandler = async (input) => {
  const r = new InputReader(input);
  const limit = r.integer("Limit", { min: 1, max: 100 });
  const marker = r.string("Marker", MARKER);
  const retiringPrincipal = r.string("RetiringPrincipal", PRINCIPAL_ID);
  const retiringServicePrincipal = r.string("RetiringServicePrincipal", SERVICE_PRINCIPAL);
  r.finish();
  if ((retiringPrincipal === undefined) === (retiringServicePrincipal === undefined)) {
    throw validationError("You must specify either RetiringPrincipal or RetiringServicePrincipal, but not both.");
  }
  const result = await listRetirableGrants({ retiringPrincipal, retiringServicePrincipal, limit, marker });
  return { Grants: result.grants, NextMarker: result.nextMarker, Truncated: result.truncated };
};
