import "server-only";
import type { OperationRegistry } from "@/lib/server/kms-service/wire/operation-types.ts";
import { createGrantOperation } from "./create-grant.ts";
import { listGrantsOperation } from "./list-grants.ts";
import { listRetirableGrantsOperation } from "./list-retirable-grants.ts";
import { retireGrantOperation } from "./retire-grant.ts";
import { revokeGrantOperation } from "./revoke-grant.ts";

// The grant operations, one file each, keyed as in registry.ts.
export const grantOperations: OperationRegistry = {
  "kms:CreateGrant": createGrantOperation,
  "kms:ListGrants": listGrantsOperation,
  "kms:ListRetirableGrants": listRetirableGrantsOperation,
  "kms:RetireGrant": retireGrantOperation,
  "kms:RevokeGrant": revokeGrantOperation,
};
