import "server-only";
import type { OperationRegistry } from "@/lib/server/kms-service/wire/operation-types.ts";
import { connectCustomKeyStore } from "./connect-custom-key-store.ts";
import { createCustomKeyStore } from "./create-custom-key-store.ts";
import { deleteCustomKeyStore } from "./delete-custom-key-store.ts";
import { describeCustomKeyStores } from "./describe-custom-key-stores.ts";
import { disconnectCustomKeyStore } from "./disconnect-custom-key-store.ts";
import { updateCustomKeyStore } from "./update-custom-key-store.ts";

// The key-stores operations, one file each, keyed as in registry.ts.
export const keyStoreOperations: OperationRegistry = {
  "kms:CreateCustomKeyStore": createCustomKeyStore,
  "kms:DescribeCustomKeyStores": describeCustomKeyStores,
  "kms:UpdateCustomKeyStore": updateCustomKeyStore,
  "kms:ConnectCustomKeyStore": connectCustomKeyStore,
  "kms:DisconnectCustomKeyStore": disconnectCustomKeyStore,
  "kms:DeleteCustomKeyStore": deleteCustomKeyStore,
};
