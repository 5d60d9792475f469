import "server-only";
import type { CallerScope } from "@/lib/server/kms-service/authz/caller.ts";
import { db } from "@/lib/server/platform/db.ts";
import { aliasArn } from "./key-arn.ts";
import { decodeMarker, page } from "./list-marker.ts";
import { resolveKey } from "./resolve-key.ts";

export type ListAliasesOptions = { scope: CallerScope; keyId?: string; limit?: number; marker?: string };

export type AliasListEntry = {
  AliasName: string;
  AliasArn: string;
  TargetKeyId: string;
  CreationDate: Date;
  LastUpdatedDate: Date;
};

export type ListAliasesResult = { aliases: AliasListEntry[]; nextMarker?: string; truncated: boolean };

/** Aliases in name order, optionally of one key (key ID or ARN), 1–100 per page (default 50). */
export async function listAliases(o: ListAliasesOptions): Promise<ListAliasesResult> {
  const limit = o.limit ?? 50;
  const after = decodeMarker(o.marker);
  const keyId =
    o.keyId === undefined
      ? undefined
      : (
          await resolveKey({
            keyId: o.keyId,
            scope: o.scope,
            allowAlias: false,
            access: { unchecked: "ListAliases is authorised by IAM (the role) alone" },
          })
        ).id;
  const rows = await db().alias.findMany({
    where: { keyId, name: after === undefined ? undefined : { gt: after } },
    orderBy: { name: "asc" },
    take: limit + 1,
  });
  const { items, nextMarker, truncated } = page(rows, limit, (r) => r.name);
  return {
    aliases: items.map((a) => ({
      AliasName: a.name,
      AliasArn: aliasArn(o.scope, a.name),
      TargetKeyId: a.keyId,
      CreationDate: a.createdAt,
      LastUpdatedDate: a.updatedAt,
    })),
    nextMarker,
    truncated,
  };
}
