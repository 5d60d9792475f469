import "server-only";
import { db } from "@/lib/server/platform/db.ts";

/** The custom key stores' names as the status cache knows them, by store id. */
export async function cachedStoreNames(): Promise<Map<string, string>> {
  const rows = await db().keyStoreStatus.findMany({ select: { customKeyStoreId: true, name: true } });
  return new Map(rows.map((r) => [r.customKeyStoreId, r.name]));
}
