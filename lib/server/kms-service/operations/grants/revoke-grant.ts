import "server-only";
import { revokeGrant } from "@/lib/server/kms-service/grants/revoke-grant.ts";
import { GRANT_ID } from "@/lib/server/kms-service/input/grant-shapes.ts";
import { InputReader } from "@/lib/server/kms-service/input/input-reader.ts";
import { KEY_ID } from "@/lib/server/kms-service/input/kms-shapes.ts";
import type { OperationHandler } from "@/lib/server/kms-service/wire/operation-types.ts";

export const revokeGrantOperation: OperationHandler = async (input, ctx) => {
  const r = new InputReader(input);
  const keyId = r.string("KeyId", { ...KEY_ID, required: true });
  const grantId = r.string("GrantId", { ...GRANT_ID, required: true });
  const dryRun = r.boolean("DryRun");
  r.finish();
  await revokeGrant({ scope: ctx, keyId, grantId, dryRun });
};
