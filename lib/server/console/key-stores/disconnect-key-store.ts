import "server-only";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { DisconnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeOneKeyStore } from "./describe-one-key-store.ts";

export type DisconnectKeyStoreOptions = { caller: Caller; customKeyStoreId: string };

/**
 * DisconnectCustomKeyStore, which returns at once: the store is then DISCONNECTING until it is DISCONNECTED. Answers the state right after the call; the page polls for the rest.
 */
export async function disconnectKeyStore({ caller, customKeyStoreId }: DisconnectKeyStoreOptions): Promise<KeyStoreSummary> {
  const kms = await kmsForCaller(caller);
  await callAws(() => kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: customKeyStoreId })));
  await refreshAfterChange(caller);
  return describeOneKeyStore(kms, caller, customKeyStoreId);
}
