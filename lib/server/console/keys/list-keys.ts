import "server-only";
import type { KeyListResponse } from "@/lib/schemas/keys.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";
import { describeAllKeyStores } from "@/lib/server/console/key-stores/describe-all-key-stores.ts";
import { describeAllKeys } from "./describe-all-keys.ts";

export type ListKeysOptions = { caller: Caller };

/** The customer managed keys, with aliases and the name of the custom key store each lives in. */
export async function listKeys({ caller }: ListKeysOptions): Promise<KeyListResponse> {
  const kms = await kmsForCaller(caller);
  const stores = await describeAllKeyStores(kms);
  const names = new Map(stores.map((s) => [s.CustomKeyStoreId!, s.CustomKeyStoreName ?? ""]));
  return { keys: await describeAllKeys(kms, names) };
}
