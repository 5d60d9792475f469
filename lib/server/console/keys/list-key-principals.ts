import "server-only";
import type { PrincipalListResponse } from "@/lib/schemas/keys.ts";
import { principalArn } from "@/lib/server/platform/identity/principal-arn.ts";
import { db } from "@/lib/server/platform/db.ts";
import { env } from "@/lib/server/platform/env.ts";

/** The console users as IAM principals, for the key-creation wizard's administrator and user pickers. */
export async function listKeyPrincipals(): Promise<PrincipalListResponse> {
  const users = await db().user.findMany({ orderBy: { name: "asc" }, select: { name: true, role: true } });
  return {
    principals: users.map((u) => ({ userName: u.name, principalArn: principalArn(u.name), role: u.role })),
    accountId: env().KEYHOLD_ACCOUNT_ID,
  };
}
