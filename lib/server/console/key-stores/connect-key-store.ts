import "server-only";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { ConnectCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeOneKeyStore } from "./describe-one-key-store.ts";

export type ConnectKeyStoreOptions = { caller: Caller; customKeyStoreId: string };

/**
 * ConnectCustomKeyStore, which returns at once: the store is then CONNECTING until it ends CONNECTED or
 * FAILED. Answers the state right after the call; the page polls for the rest.
 */
export async function connectKeyStore({ caller, customKeyStoreId }: ConnectKeyStoreOptions): Promise<KeyStoreSummary> {
  const kms = await kmsForCaller(caller);
  await callAws(() => kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: customKeyStoreId })));
  await refreshAfterChange(caller);
  return describeOneKeyStore(kms, caller, customKeyStoreId);
}
