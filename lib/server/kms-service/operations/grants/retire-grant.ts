import "server-only";
import { retireGrant } from "@/lib/server/kms-service/grants/retire-grant.ts";
import { GRANT_ID, GRANT_TOKEN_MEMBER } from "@/lib/server/kms-service/input/grant-shapes.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const retireGrantOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const grantToken = r.string("GrantToken", GRANT_TOKEN_MEMBER);
  const keyId = r.string("KeyId", KEY_ID);
  const grantId = r.string("GrantId", GRANT_ID);
  const dryRun = r.boolean("DryRun");
  r.finish();
  await retireGrant({ scope: ctx, grantToken, keyId, grantId, dryRun });
};
