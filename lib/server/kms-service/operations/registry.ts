import "server-only";
import type { OperationRegistry } from "@/lib/server/kms-service/wire/operation-types.ts";
import { cloudHsmOperations } from "./cloudhsm/index.ts";
import { cryptoOperations } from "./crypto/index.ts";
import { grantOperations } from "./grants/index.ts";
import { keyStoreOperations } from "./key-stores/index.ts";
import { keyOperations } from "./keys/index.ts";

// The operations of the local KMS (TrentService) and CloudHSM v2 (BaldrApiService) service, keyed
// "kms:<Operation>" / "cloudhsm:<Operation>" with the model's operation names; each group lives in
// its own folder, one file per operation. A target missing here is answered with UnknownOperationException.
export const operations: OperationRegistry = {
  ...keyStoreOperations,
  ...cloudHsmOperations,
  ...keyOperations,
  ...cryptoOperations,
  ...grantOperations,
};
