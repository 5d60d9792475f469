import "server-only";
import { refreshAfterChange } from "@/lib/server/console/status/refresh-for-caller.ts";
import { DeleteCustomKeyStoreCommand } from "@aws-sdk/client-kms";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type DeleteKeyStoreOptions = { caller: Caller; customKeyStoreId: string };

/**
 * DeleteCustomKeyStore: only a DISCONNECTED store without KMS keys (CustomKeyStoreInvalidStateException,
 * CustomKeyStoreHasCMKsException otherwise). Removes KMS's record only; the cluster is untouched.
 */
export async function deleteKeyStore({ caller, customKeyStoreId }: DeleteKeyStoreOptions): Promise<void> {
  const kms = await kmsForCaller(caller);
  await callAws(() => kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: customKeyStoreId })));
  await refreshAfterChange(caller);
}
