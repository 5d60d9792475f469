import "server-only";

// The custom key store domain: what the key store operations, the keys/crypto operations and the
// console call. See CONNECTIONS.md for how connections work.
export { createLocalKeyStore, maxCustomKeyStores, type CreateLocalKeyStoreOptions } from "./create-key-store.ts";
export { describeKeyStores, type DescribeKeyStoresOptions, type DescribeKeyStoresResult } from "./describe-key-stores.ts";
export { updateLocalKeyStore, type UpdateLocalKeyStoreOptions } from "./update-key-store.ts";
export { connectLocalKeyStore } from "./connect-key-store.ts";
export { disconnectLocalKeyStore } from "./disconnect-key-store.ts";
export { deleteLocalKeyStore } from "./delete-key-store.ts";
export { findKeyStore } from "./find-key-store.ts";
export {
  requireConnectedKeyStore,
  requireConnectedXksKeyStore,
  isKeyStoreUsable,
  type ConnectedKeyStore,
} from "./require-connected-key-store.ts";
export { keyStateInStore } from "./key-state-in-store.ts";
export { settleConnectionJobs } from "./connection-jobs.ts";
export { toListEntry, type CustomKeyStoresListEntry } from "./to-list-entry.ts";
