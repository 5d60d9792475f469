import "server-only";
import { createGrant } from "@/lib/server/kms-service/grants/create-grant.ts";
import {
  GRANT_NAME,
  GRANT_OPERATION,
  PRINCIPAL_ID,
  SERVICE_PRINCIPAL,
  readGrantConstraints,
} from "@/lib/server/kms-service/input/grant-shapes.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID, readGrantTokens } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const createGrantOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const granteePrincipal = r.string("GranteePrincipal", PRINCIPAL_ID);
  const retiringPrincipal = r.string("RetiringPrincipal", PRINCIPAL_ID);
  const operations = r.stringList("Operations", { required: true }, GRANT_OPERATION);
  const constraints = readGrantConstraints(r);
  readGrantTokens(r);
  const name = r.string("Name", GRANT_NAME);
  const dryRun = r.boolean("DryRun");
  const granteeServicePrincipal = r.string("GranteeServicePrincipal", SERVICE_PRINCIPAL);
  const retiringServicePrincipal = r.string("RetiringServicePrincipal", SERVICE_PRINCIPAL);
  r.finish();
  const grant = await createGrant({
    scope: ctx,
    keyId,
    granteePrincipal,
    granteeServicePrincipal,
    retiringPrincipal,
    retiringServicePrincipal,
    operations,
    constraints,
    name,
    dryRun,
  });
  return { GrantToken: grant.grantToken, GrantId: grant.grantId };
};
