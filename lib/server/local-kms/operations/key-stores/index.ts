import "server-only";
import type { OperationRegistry } from "@/lib/server/local-kms/wire/operation-types.ts";

// The key-stores operations, one file each, keyed as in registry.ts.
export const keyStoreOperations: OperationRegistry = {};
