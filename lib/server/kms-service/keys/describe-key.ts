import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { keyMetadata, type KeyMetadata } from "./key-metadata.ts";
import { resolveKeyCached } from "./resolve-key.ts";

export type DescribeKeyOptions = { scope: CallerScope; keyId: string };

/**
 * KeyMetadata of a key named by key ID, key ARN, alias name or alias ARN; works in every key state.
 * The key comes from memory, as for the cryptographic operations (resolve-key.ts): applications call
 * DescribeKey as often as Encrypt, and every write of a key, alias or store drops what is held.
 */
export async function describeKey(o: DescribeKeyOptions): Promise<KeyMetadata> {
  return keyMetadata(await resolveKeyCached({ keyId: o.keyId, scope: o.scope, allowAlias: true, access: { action: "kms:DescribeKey" } }));
}
