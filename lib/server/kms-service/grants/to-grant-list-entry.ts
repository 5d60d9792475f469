import "server-only";
import type { Grant } from "./grant-types.ts";

/** A GrantListEntry as ListGrants and ListRetirableGrants answer it (KeyId is the key ARN). */
export function toGrantListEntry(grant: Grant, keyArn: string) {
  return {
    KeyId: keyArn,
    GrantId: grant.id,
    Name: grant.name,
    CreationDate: grant.createdAt,
    GranteePrincipal: grant.granteePrincipal,
    RetiringPrincipal: grant.retiringPrincipal,
    IssuingAccount: grant.issuingAccount,
    Operations: grant.operations,
    Constraints: grant.constraints,
    GranteeServicePrincipal: grant.granteeServicePrincipal,
    RetiringServicePrincipal: grant.retiringServicePrincipal,
  };
}
