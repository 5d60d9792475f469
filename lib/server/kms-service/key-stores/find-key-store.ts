import "server-only";
import type { CustomKeyStore } from "@/lib/generated/prisma-sqlite/client.ts";
import { db } from "@/lib/server/platform/db.ts";
import { keyStoreNotFound } from "./key-store-errors.ts";

/** The store with this id, or CustomKeyStoreNotFoundException. */
export async function findKeyStore(customKeyStoreId: string): Promise<CustomKeyStore> {
  const store = await db().customKeyStore.findUnique({ where: { id: customKeyStoreId } });
  if (!store) throw keyStoreNotFound(customKeyStoreId);
  return store;
}
