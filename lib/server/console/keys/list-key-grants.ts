import "server-only";
import { ListGrantsCommand, type GrantListEntry } from "@aws-sdk/client-kms";
import type { KeyGrant } from "@/lib/schemas/key-grants.ts";
import { callAws } from "@/lib/server/console/aws/sdk-error.ts";
import { kmsForCaller, type Caller } from "@/lib/server/console/aws/user-credentials.ts";

export type ListKeyGrantsOptions = { caller: Caller; keyId: string };

/** A key page shows this many grants at most (KMS allows 50,000 per key); ListGrants pages of 100. */
export const MAX_LISTED_GRANTS = 1_000;

function toKeyGrant(g: GrantListEntry): KeyGrant {
  const c = g.Constraints;
  return {
    grantId: g.GrantId ?? "",
    name: g.Name || undefined,
    creationDate: g.CreationDate ? new Date(g.CreationDate).toISOString() : undefined,
    granteePrincipal: g.GranteePrincipal,
    granteeServicePrincipal: g.GranteeServicePrincipal,
    retiringPrincipal: g.RetiringPrincipal,
    retiringServicePrincipal: g.RetiringServicePrincipal,
    operations: g.Operations ?? [],
    constraints: c
      ? { encryptionContextEquals: c.EncryptionContextEquals, encryptionContextSubset: c.EncryptionContextSubset, sourceArn: c.SourceArn }
      : undefined,
  };
}

/** ListGrants of one key, every page up to MAX_LISTED_GRANTS. */
export async function listKeyGrants({ caller, keyId }: ListKeyGrantsOptions): Promise<KeyGrant[]> {
  const kms = await kmsForCaller(caller);
  const grants: KeyGrant[] = [];
  let marker: string | undefined;
  do {
    const page = await callAws(() => kms.send(new ListGrantsCommand({ KeyId: keyId, Limit: 100, Marker: marker })));
    grants.push(...(page.Grants ?? []).map(toKeyGrant));
    marker = page.Truncated ? page.NextMarker : undefined;
  } while (marker && grants.length < MAX_LISTED_GRANTS);
  return grants;
}
