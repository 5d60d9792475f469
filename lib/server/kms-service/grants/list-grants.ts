import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { resolveKey } from "@/lib/server/kms-service/keys/resolve-key.ts";
import { grantPage } from "./grant-page.ts";
import { GRANT_ID_PATTERN, invalidGrantId } from "./grant-token.ts";
import { toGrantListEntry } from "./to-grant-list-entry.ts";

export type ListGrantsOptions = {
  scope: CallerScope;
  keyId: string;
  grantId?: string;
  granteePrincipal?: string;
  limit?: number;
  marker?: string;
};

/** The grants of a key (kms:ListGrants on its policy; every key state), optionally one grant or one grantee's. */
export async function listGrants(o: ListGrantsOptions) {
  const key = await resolveKey({ keyId: o.keyId, scope: o.scope, allowAlias: false, access: { action: "kms:ListGrants" } });
  if (o.grantId !== undefined && !GRANT_ID_PATTERN.test(o.grantId)) throw invalidGrantId();
  const result = await grantPage({ keyId: key.id, id: o.grantId, granteePrincipal: o.granteePrincipal }, o);
  return { grants: result.grants.map((g) => toGrantListEntry(g, key.arn)), nextMarker: result.nextMarker, truncated: result.truncated };
}
