import "server-only";
import { db } from "@/lib/server/platform/db.ts";
import { checkPrincipalArn } from "./grant-rules.ts";
import { grantPage } from "./grant-page.ts";
import { toGrantListEntry } from "./to-grant-list-entry.ts";

export type ListRetirableGrantsOptions = {
  retiringPrincipal?: string;
  retiringServicePrincipal?: string;
  limit?: number;
  marker?: string;
};

/**
 * The grants, on any key, that name this retiring principal. KMS authorises it by IAM alone (the
 * caller's role) and does not check access to the keys or grants it returns.
 */
export async function listRetirableGrants(o: ListRetirableGrantsOptions) {
  checkPrincipalArn(o.retiringPrincipal);
  const result = await grantPage(
    o.retiringPrincipal !== undefined
      ? { retiringPrincipal: o.retiringPrincipal }
      : { retiringServicePrincipal: o.retiringServicePrincipal },
    o,
  );
  const keys = await db().kmsKey.findMany({
    where: { id: { in: [...new Set(result.grants.map((g) => g.keyId))] } },
    select: { id: true, arn: true },
  });
  const arns = new Map(keys.map((k) => [k.id, k.arn]));
  return {
    grants: result.grants.map((g) => toGrantListEntry(g, arns.get(g.keyId) ?? g.keyId)),
    nextMarker: result.nextMarker,
    truncated: result.truncated,
  };
}
