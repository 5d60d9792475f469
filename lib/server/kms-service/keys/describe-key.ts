import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { keyMetadata, type KeyMetadata } from "./key-metadata.ts";
import { resolveKey } from "./resolve-key.ts";

export type DescribeKeyOptions = { scope: CallerScope; keyId: string };

/** KeyMetadata of a key named by key ID, key ARN, alias name or alias ARN; works in every key state. */
export async function describeKey(o: DescribeKeyOptions): Promise<KeyMetadata> {
  return keyMetadata(await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: true, access: { action: "kms:DescribeKey" } }));
}
