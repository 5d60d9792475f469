import "server-only";
import type { OperationRegistry } from "@/lib/server/local-kms/wire/operation-types.ts";

// The operations of the local KMS (TrentService) and CloudHSM v2 (BaldrApiService) service, keyed
// "kms:<Operation>" / "cloudhsm:<Operation>" with the model's operation names. Add one entry per
// operation, each implemented in its own file in this folder; a target missing here is answered
// with UnknownOperationException.
export const operations: OperationRegistry = {};
